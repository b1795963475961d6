set terminal pngcairo size 1200,900 font ",10"
set output "/tmp/soak-full2/soak.png"
set datafile separator ","
set key autotitle columnhead
set multiplot layout 3,1 title "feedsentry soak: 5000 feeds, 60 s interval, 5% changing per cycle, 120 min"
set grid
set xlabel "minutes"
set ylabel "RSS (MB)"
plot "/tmp/soak-full2/soak.csv" using ($1/60):($2/1024) with lines lw 2 title "daemon RSS (MB)"
set ylabel "CPU (% of one core)"
plot "/tmp/soak-full2/soak.csv" using ($1/60):4 with lines lw 1 title "CPU % (since previous sample)"
set key left top
set ylabel "MB"
set y2label "items"
set y2tics
set ytics nomirror
plot "/tmp/soak-full2/soak.csv" using ($1/60):(($5+$6)/1048576) with lines lw 2 title "feedsentry.db + WAL (MB)", \
     "/tmp/soak-full2/soak.csv" using ($1/60):($5/1048576) with lines lw 1 title "feedsentry.db (MB)", \
     "/tmp/soak-full2/soak.csv" using ($1/60):7 axes x1y2 with lines lw 1 title "items published (right axis)"
unset multiplot
