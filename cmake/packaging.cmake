# Installation layout beyond the binary and rules, and the Debian package (CPack DEB).
# Package with scripts/package, which configures with CMAKE_INSTALL_PREFIX=/usr: the paths
# compiled into the binary (the rules under /usr/share) and the unit's ExecStart=/usr/bin/…
# assume that prefix.
include(GNUInstallDirs)

# The systemd unit. With prefix /usr: /usr/lib/systemd/system (merged-/usr Debian 12).
install(FILES ${CMAKE_SOURCE_DIR}/systemd/feedsentry.service DESTINATION lib/systemd/system)

# The example config as /etc/feedsentry/feedsentry.yaml (prefix /usr: SYSCONFDIR is /etc), a
# conffile in the package: local edits survive upgrades and removal without purge.
set(FEEDSENTRY_CONFIG_DIR ${CMAKE_INSTALL_FULL_SYSCONFDIR}/feedsentry)
install(FILES ${CMAKE_SOURCE_DIR}/config/feedsentry.yaml DESTINATION ${FEEDSENTRY_CONFIG_DIR})
# What the example config names by relative path: the rules (a copy operators may edit; the
# pristine set stays in /usr/share/feedsentry/rules) and the example OPML import.
install(FILES ${CMAKE_SOURCE_DIR}/config/rules/dprk-russia.yaml
        DESTINATION ${FEEDSENTRY_CONFIG_DIR}/rules)
install(FILES ${CMAKE_SOURCE_DIR}/config/opml/example.opml DESTINATION ${FEEDSENTRY_CONFIG_DIR}/opml)

# What operators plug in (contrib/): alert rules with their promtool tests and the Grafana
# dashboard under /usr/share/feedsentry/contrib, and the logrotate snippet for `file` outputs
# as /etc/logrotate.d/feedsentry, a conffile (logrotate reads it once the package is there).
set(FEEDSENTRY_CONTRIB_DIR ${CMAKE_INSTALL_DATADIR}/feedsentry/contrib)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/contrib/prometheus ${CMAKE_SOURCE_DIR}/contrib/grafana
                  ${CMAKE_SOURCE_DIR}/contrib/logrotate
        DESTINATION ${FEEDSENTRY_CONTRIB_DIR})
set(FEEDSENTRY_LOGROTATE_FILE ${CMAKE_INSTALL_FULL_SYSCONFDIR}/logrotate.d/feedsentry)
install(FILES ${CMAKE_SOURCE_DIR}/contrib/logrotate/feedsentry
        DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/logrotate.d)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME feedsentry)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "feedsentry")
set(CPACK_PACKAGE_CONTACT "feedsentry maintainers <newsroom-ops@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "News-feed monitor alerting on DPRK/Russia sanctions and launch news")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "News-feed monitor alerting on DPRK/Russia sanctions and launch news\n\
feedsentry polls RSS, Atom and JSON feeds, classifies new items against topic\n\
rules (shipped: DPRK/Russia sanctions and missile/satellite launches) and\n\
delivers one alert per story to files and chat webhooks, without losing an\n\
alert across crashes. Runs as a hardened systemd service (Type=notify,\n\
DynamicUser) with a Prometheus metrics endpoint.")
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # feedsentry_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/feedsentry/feedsentry")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # Depends: from dpkg-shlibdeps on the binary
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "logrotate")  # rotates `file` outputs (contrib/logrotate)

# conffiles: generated from the install path; the maintainer scripts reload systemd so it sees
# the unit (postinst, postrm) and stop the service before its binary goes away (prerm).
set(FEEDSENTRY_DEBIAN_DIR ${CMAKE_BINARY_DIR}/debian)
file(WRITE ${FEEDSENTRY_DEBIAN_DIR}/conffiles
     "${FEEDSENTRY_CONFIG_DIR}/feedsentry.yaml\n"
     "${FEEDSENTRY_CONFIG_DIR}/rules/dprk-russia.yaml\n"
     "${FEEDSENTRY_CONFIG_DIR}/opml/example.opml\n"
     "${FEEDSENTRY_LOGROTATE_FILE}\n")
foreach(script postinst prerm postrm)
  configure_file(${CMAKE_CURRENT_LIST_DIR}/debian/${script} ${FEEDSENTRY_DEBIAN_DIR}/${script}
                 @ONLY FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ
                 GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
endforeach()
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${FEEDSENTRY_DEBIAN_DIR}/conffiles ${FEEDSENTRY_DEBIAN_DIR}/postinst
    ${FEEDSENTRY_DEBIAN_DIR}/prerm ${FEEDSENTRY_DEBIAN_DIR}/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

include(CPack)
