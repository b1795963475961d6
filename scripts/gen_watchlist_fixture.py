#!/usr/bin/env python3
"""Writes tests/data/watchlist/csv/{sdn,alt,add,sdn_comments}.csv: a fixture SDN set in the
real OFAC CSV shape (no header row, CRLF, text in double quotes with "" for a quote, the
unquoted null `-0- ` with its trailing space, programs joined by `] [`, and a 0x1A byte after
the last CRLF of sdn/alt/add.csv; sdn_comments.csv has none, like the real sample).

A few hundred deterministic synthetic DPRK and Russia rows, plus hand-written rows for the
tests: the three parties of the 2023-09-01 Treasury story (JON, Jin Yong; KOZLOV, Sergei;
INTELLEKT LLC), guard cases (a common-word entity, a short one, vessels with IMO numbers)
and entries of programs the tests filter out. Run: scripts/gen_watchlist_fixture.py
(`--rows N --out DIR` writes a bigger set elsewhere, e.g. 30000 rows to time `watchlist stats`).
"""
import argparse
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "data", "watchlist", "csv")
NULL = "-0- "


def quote(value):
    if value is None:
        return NULL
    return '"' + value.replace('"', '""') + '"'


def sdn_row(num, name, kind, programs, remarks=None, vess_type=None, flag=None, title=None):
    fields = [str(num), quote(name), quote(kind) if kind else NULL, quote("] [".join(programs)),
              quote(title), NULL, quote(vess_type), NULL, NULL, quote(flag), NULL, quote(remarks)]
    return ",".join(fields)


def alt_row(num, alt_num, name, kind="aka"):
    return ",".join([str(num), str(alt_num), quote(kind), quote(name), NULL])


def add_row(num, add_num, address, city, country):
    return ",".join([str(num), str(add_num), quote(address), quote(city), quote(country), NULL])


# Hand-written rows: (sdn row, [alt rows], [add rows]).
HAND_SDN = [
    sdn_row(44001, "JON, Jin Yong", "individual", ["DPRK3", "NPWMD"],
            "DOB 12 Mar 1981; nationality Korea, North; Gender Male; Secondary sanctions risk: "
            "North Korea Sanctions Regulations, sections 510.201 and 510.210; Passport "
            "836420186 (Korea, North)."),
    sdn_row(44002, "KOZLOV, Sergei", "individual", ["RUSSIA-EO14024"],
            "DOB 04 Jul 1969; POB Moscow, Russia; nationality Russia; Gender Male; Secondary "
            "sanctions risk: See Section 11 of Executive Order 14024."),
    sdn_row(44003, "INTELLEKT LLC", None, ["RUSSIA-EO14024"],
            "Secondary sanctions risk: See Section 11 of Executive Order 14024.; Organization "
            "Established Date 18 Apr 2012; Tax ID No. 7725758412 (Russia); Registration Number "
            "1127746296432 (Russia)."),
    # Guards.
    sdn_row(44010, "HARMONY", None, ["DPRK4"], "Linked To: KOREA SOKSAN TRADING CORPORATION."),
    sdn_row(44011, "KAMAZ", None, ["RUSSIA-EO14024"], "Tax ID No. 1650032058 (Russia)."),
    sdn_row(44012, "AKTSIONERNOE OBSHCHESTVO PASIT", None, ["RUSSIA-EO14024"],
            "Tax ID No. 7736185530 (Russia)."),
    sdn_row(44013, "GLOBAL TRADING LIMITED", None, ["DPRK2"], "Hong Kong company."),
    sdn_row(17069, "CHONG CHON GANG", "vessel", ["DPRK"],
            "Linked To: OCEAN MARITIME MANAGEMENT COMPANY, LIMITED; Vessel Registration "
            "Identification IMO 7937317.", "General Cargo", "Korea, North"),
    sdn_row(44014, "YUL SAN", "vessel", ["DPRK4"],
            "Vessel Registration Identification IMO 91", "Oil Tanker", "Korea, North"),
    sdn_row(15603, "FOREIGN TRADE BANK OF THE DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA", None,
            ["NPWMD", "DPRK3"], "SWIFT/BIC FTBDKPPY; Secondary sanctions risk: North Korea "
            "Sanctions Regulations, sections 510.201 and 510.210."),
    sdn_row(21328, "KOROBOV, Igor Valentinovich", "individual", ["CYBER2", "CAATSA - RUSSIA"],
            "DOB 03 Aug 1956; nationality Russia; Gender Male; Chief of GRU."),
    sdn_row(44015, "MORDASHOV, Alexey Alexandrovich", "individual",
            ["UKRAINE-EO13661", "RUSSIA-EO14024"], "DOB 26 Sep 1965; nationality Russia."),
    sdn_row(44016, "SEVERNY TRANSIT", None, ["UKRAINE-EO13685"], "Crimea port operator."),
    # Programs the DPRK/Russia selection leaves out.
    sdn_row(44020, "KARAFARIN BANK", None, ["IRAN"], "SWIFT/BIC KBIDIRTH."),
    sdn_row(44021, "NUSRAT HOLDINGS", None, ["SDGT"], "Front company."),
    sdn_row(44022, "BOROVIK, Anatoly", "individual", ["BELARUS-EO14038"], "nationality Belarus."),
    sdn_row(44023, "ANTARES SKY", "aircraft", ["RUSSIA-EO14024"],
            "Aircraft Model IL-76; Aircraft Manufacturer's Serial Number (MSN) 1023411."),
]
HAND_ALT = [
    alt_row(44002, 51001, "KOZLOV, Sergey"),
    alt_row(44002, 51002, "Сергей Козлов"),
    alt_row(44003, 51003, "OOO INTELLEKT"),
    alt_row(44003, 51004, "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU INTELLEKT"),
    alt_row(15603, 36151, "MOOYOKBANK"),
    alt_row(15603, 36152, "FOREIGN TRADE BANK", "fka"),
    alt_row(44012, 51005, "AO PASIT"),
]
HAND_ADD = [
    add_row(44003, 61001, "ul. Lesnaya, d. 9", "Moscow 125047", "Russia"),
    add_row(15603, 23293, "FTB Building, Jungsong-dong, Central District", "Pyongyang",
            "Korea, North"),
]
# The rest of YUL SAN's remarks: it continues mid-number, as sdn_comments.csv does.
HAND_COMMENTS = ["44014," + quote("23456; Secondary sanctions risk: North Korea Sanctions "
                                  "Regulations, sections 510.201 and 510.210.")]

KOREAN_SURNAMES = ["PAK", "RI", "CHOE", "KIM", "HAN", "KANG", "O", "YUN", "SIN", "HYON"]
KOREAN_SYLLABLES = ["Chol", "Su", "Myong", "Hak", "Song", "Il", "Kwang", "Nam", "Hyok", "Un",
                    "Ho", "Gil", "Sok", "Ryong", "Chun", "Dok", "Min", "Hui"]
RU_STEMS = ["Bel", "Dor", "Gar", "Mir", "Pol", "Rost", "Tar", "Vol", "Zar", "Lom", "Sok", "Bur",
            "Kras", "Chern", "Grom", "Sav", "Tikh", "Fed", "Yur", "Zhar"]
RU_MIDDLES = ["", "ich", "en", "ak", "un", "ash"]
RU_ENDS = ["ov", "in", "ev", "enko", "sky", "ovich"]
RU_GIVEN = [("Pavel", "Sergeyevich"), ("Oleg", "Ivanovich"), ("Dmitry", "Viktorovich"),
            ("Andrei", "Nikolaevich"), ("Mikhail", "Petrovich"), ("Yuri", "Borisovich"),
            ("Elena", "Vladimirovna"), ("Natalia", "Andreevna")]
COMPANY_WORDS = ["RYONHA", "SOKSAN", "KUMGANG", "TAESONG", "MIRIM", "HAEGUMGANG", "CHOLSAN",
                 "SONGI", "MYOHYANG", "PUGANG"]
RU_COMPANY_WORDS = ["TEKHNOPROM", "ENERGOMASH", "AVIAKOM", "RADIOTEKH", "SPETSSTAL",
                    "KVANTMASH", "ELEKTRONSERVIS", "NEFTEGAZSTROI", "PROMTEKH", "SIBAVTO"]
DPRK_PROGRAMS = [["DPRK"], ["DPRK2"], ["DPRK3"], ["DPRK4"], ["NPWMD", "DPRK3"],
                 ["DPRK-NKSPEA"], ["NPWMD"]]
RU_PROGRAMS = [["RUSSIA-EO14024"], ["UKRAINE-EO13660"], ["UKRAINE-EO13661"],
               ["UKRAINE-EO13662"], ["UKRAINE-EO13685"], ["CAATSA - RUSSIA"],
               ["CYBER2", "CAATSA - RUSSIA"], ["MAGNIT"], ["UKRAINE-EO13661", "RUSSIA-EO14024"]]


def synthetic(rng, count=300):
    sdn, alt, add, comments = [], [], [], []
    used = set()
    num, alt_num, add_num = (30000 if count <= 300 else 100000), 40000, 50000
    while len(sdn) < count:
        num += rng.randint(1, 7)
        kind = rng.random()
        dprk = rng.random() < 0.5
        # A big set needs more distinct names than the small one's syllables give.
        extra = (rng.choice(RU_STEMS) + rng.choice(RU_STEMS).lower()).upper() if count > 300 else ""
        aliases = []
        if kind < 0.45:  # individual
            if dprk:
                name = "%s, %s %s" % (rng.choice(KOREAN_SURNAMES) + extra, rng.choice(KOREAN_SYLLABLES),
                                      rng.choice(KOREAN_SYLLABLES).lower())
                remarks = "DOB %d; nationality Korea, North; Gender Male." % rng.randint(1950, 1990)
                programs = rng.choice(DPRK_PROGRAMS)
            else:
                surname = (extra + rng.choice(RU_STEMS) + rng.choice(RU_MIDDLES) +
                           rng.choice(RU_ENDS)).upper()
                given, middle = rng.choice(RU_GIVEN)
                name = "%s, %s %s" % (surname, given, middle)
                remarks = "DOB %d; nationality Russia." % rng.randint(1950, 1990)
                programs = rng.choice(RU_PROGRAMS)
                if rng.random() < 0.3:
                    aliases.append("%s, %s" % (surname, given.replace("i", "y", 1)))
            sdn_kind = "individual"
        elif kind < 0.85:  # entity
            if dprk:
                name = "KOREA %s %s CORPORATION" % (rng.choice(COMPANY_WORDS),
                                                    rng.choice(["TRADING", "GENERAL", "MINING"]))
                if extra:
                    name = name.replace("KOREA ", "KOREA %s " % extra)
                programs = rng.choice(DPRK_PROGRAMS)
                if rng.random() < 0.3:
                    aliases.append(name.split()[1] + " GENERAL CORPORATION")
            else:
                word = extra + rng.choice(RU_COMPANY_WORDS)
                form = rng.choice(["OOO", "AO", "LLC", "JSC", "PAO"])
                name = (form + ' "' + word + '-' + str(rng.randint(1, 99)) + '"') if form in (
                    "OOO", "AO", "PAO") else (word + "-" + str(rng.randint(1, 99)) + " " + form)
                programs = rng.choice(RU_PROGRAMS)
            remarks = "Organization Established Date %d." % rng.randint(1990, 2020)
            sdn_kind = None
        else:  # vessel
            name = "%s%s %s %d" % (extra, rng.choice(["SONG", "RYE", "KUM", "PAEK", "NAM"]),
                                 rng.choice(["HAE", "SAN", "BONG", "MA"]), rng.randint(1, 9))
            imo = rng.randint(8000000, 9899999)
            remarks = "Vessel Registration Identification IMO %d." % imo
            programs = rng.choice(DPRK_PROGRAMS[:4])
            sdn_kind = "vessel"
        if name in used:
            continue
        used.add(name)
        if sdn_kind == "vessel":
            sdn.append(sdn_row(num, name, "vessel", programs, remarks, "Oil Tanker", "Korea, North"))
        else:
            sdn.append(sdn_row(num, name, sdn_kind, programs, remarks))
        for alias in aliases:
            alt_num += 1
            alt.append(alt_row(num, alt_num, alias))
        add_num += 1
        add.append(add_row(num, add_num, None if rng.random() < 0.5 else "Str. %d" % add_num,
                           "Pyongyang" if dprk else "Moscow", "Korea, North" if dprk else "Russia"))
    return sdn, alt, add, comments


def write(name, rows, sub=True, out_dir=OUT):
    data = "".join(row + "\r\n" for row in rows).encode("utf-8")
    if sub:
        data += b"\x1a"
    with open(os.path.join(out_dir, name), "wb") as out:
        out.write(data)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=300, help="synthetic sdn.csv rows")
    parser.add_argument("--out", default=OUT, help="directory to write")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(7)
    sdn, alt, add, comments = synthetic(rng, args.rows)
    # Hand rows go first, so their line numbers stay put when the synthetic rows change.
    write("sdn.csv", HAND_SDN + sdn, out_dir=args.out)
    write("alt.csv", HAND_ALT + alt, out_dir=args.out)
    write("add.csv", HAND_ADD + add, out_dir=args.out)
    write("sdn_comments.csv", HAND_COMMENTS + comments, sub=False, out_dir=args.out)
    print("sdn.csv %d rows, alt.csv %d, add.csv %d" % (len(HAND_SDN) + len(sdn),
                                                       len(HAND_ALT) + len(alt),
                                                       len(HAND_ADD) + len(add)))


if __name__ == "__main__":
    main()
