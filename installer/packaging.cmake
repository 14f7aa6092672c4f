# Packaging: install rules for the desktop integration and the CPack configuration.
# Linux: a Debian package (DEB) and a tarball (TGZ). Windows: installer/windows/windows.cmake (NSIS).
# Included (OPTIONAL) at the end of the top-level CMakeLists.txt, so every target exists here.
# The executable's own install rule lives in app/CMakeLists.txt (RUNTIME DESTINATION bin).
#
#   cmake --build <build> && (cd <build> && cpack -G DEB)     # -> broker-studio_<version>_<arch>.deb

set(BS_APP_ID io.github.brokerstudio.BrokerStudio)
set(BS_PACKAGE_NAME broker-studio)
set(BS_PACKAGE_MAINTAINER "Broker Studio developers <maintainers@brokerstudio.example>"
    CACHE STRING "Maintainer written into the packages (Name <address>)")

# Directories that install() creates get Debian's expected mode (lintian: non-standard-dir-perm).
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

set(CPACK_PACKAGE_NAME ${BS_PACKAGE_NAME})
set(CPACK_PACKAGE_VENDOR "The Broker Studio developers")
set(CPACK_PACKAGE_CONTACT "${BS_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
# Each line becomes one line of the Debian extended description: keep them under 80 characters.
set(CPACK_PACKAGE_DESCRIPTION [=[
Broker Studio is a desktop tool for database administrators who design and
run SQL Server Service Broker messaging. It connects to SQL Server over ODBC,
draws the broker objects of a database as a graph, charts conversations and
queues in a live monitoring window, and generates the T-SQL for common
messaging patterns. A built-in simulated broker needs no server.]=])
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Broker Studio")
# Packages are built from RelWithDebInfo trees too; ship stripped binaries (lintian: unstripped-binary-or-object).
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_GENERATOR "")

if(WIN32)
    include(${CMAKE_CURRENT_LIST_DIR}/windows/windows.cmake)
elseif(UNIX AND NOT APPLE)
    include(GNUInstallDirs)
    set(CPACK_GENERATOR DEB TGZ)

    # Desktop integration, at the freedesktop.org standard locations.
    install(FILES ${CMAKE_CURRENT_LIST_DIR}/desktop/${BS_APP_ID}.desktop
            DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
    install(FILES ${CMAKE_CURRENT_LIST_DIR}/desktop/${BS_APP_ID}.metainfo.xml
            DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
    install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/broker-studio.svg
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
    foreach(size 16 32 48 64 128 256)
        install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/hicolor/${size}x${size}/apps/broker-studio.png
                DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
    endforeach()

    # /usr/share/doc/<package>/copyright in Debian's machine-readable format, generated from
    # LICENSE so the two never disagree (Debian calls the MIT licence "Expat").
    set(_pkgdoc ${PROJECT_BINARY_DIR}/packaging/doc)
    file(READ ${PROJECT_SOURCE_DIR}/LICENSE _license)
    string(REGEX REPLACE "^MIT License\n\n[^\n]*\n\n" "" _license "${_license}")
    string(REGEX REPLACE "\n+$" "" _license "${_license}")
    string(REGEX REPLACE "\n\n" "\n.\n" _license "${_license}")
    string(REPLACE "\n" "\n " _license "${_license}")
    file(WRITE ${_pkgdoc}/copyright
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        "Upstream-Name: Broker Studio\n"
        "Source: ${PROJECT_HOMEPAGE_URL}\n"
        "\n"
        "Files: *\n"
        "Copyright: 2026 The Broker Studio developers\n"
        "License: Expat\n"
        " ${_license}\n")

    # A native package's changelog.gz, compressed without a timestamp (gzip -n) as lintian wants.
    # The date honours SOURCE_DATE_EPOCH for reproducible packages.
    string(TIMESTAMP _changelog_date "%a, %d %b %Y %H:%M:%S +0000" UTC)
    file(WRITE ${_pkgdoc}/changelog
        "${BS_PACKAGE_NAME} (${PROJECT_VERSION}) unstable; urgency=medium\n"
        "\n"
        "  * Release ${PROJECT_VERSION}. See the project's history at\n"
        "    ${PROJECT_HOMEPAGE_URL}\n"
        "\n"
        " -- ${BS_PACKAGE_MAINTAINER}  ${_changelog_date}\n")
    # The manual page is compressed the same way.
    find_program(BS_GZIP gzip)
    if(BS_GZIP)
        execute_process(COMMAND ${BS_GZIP} -9nc ${_pkgdoc}/changelog
                        OUTPUT_FILE ${_pkgdoc}/changelog.gz RESULT_VARIABLE _gzip_changelog)
        execute_process(COMMAND ${BS_GZIP} -9nc ${CMAKE_CURRENT_LIST_DIR}/desktop/broker-studio.1
                        OUTPUT_FILE ${_pkgdoc}/broker-studio.1.gz RESULT_VARIABLE _gzip_man)
        if(_gzip_changelog EQUAL 0)
            install(FILES ${_pkgdoc}/changelog.gz DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${BS_PACKAGE_NAME})
        endif()
        if(_gzip_man EQUAL 0)
            install(FILES ${_pkgdoc}/broker-studio.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
        endif()
        execute_process(COMMAND ${BS_GZIP} -9nc ${CMAKE_CURRENT_LIST_DIR}/systemd/broker-studio-agent.1
                        OUTPUT_FILE ${_pkgdoc}/broker-studio-agent.1.gz RESULT_VARIABLE _gzip_agent_man)
        if(_gzip_agent_man EQUAL 0)
            install(FILES ${_pkgdoc}/broker-studio-agent.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
        endif()
    endif()
    install(FILES ${_pkgdoc}/copyright DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${BS_PACKAGE_NAME})

    # The fleet agent as a service (docs/fleet.md): its unit, and an example fleet file to copy
    # to /etc/broker-studio/fleet.json. The unit is installed, not enabled: the fleet file comes first.
    install(FILES ${CMAKE_CURRENT_LIST_DIR}/systemd/broker-studio-agent.service
            DESTINATION lib/systemd/system)
    install(FILES ${CMAKE_CURRENT_LIST_DIR}/systemd/fleet.example.json
            DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${BS_PACKAGE_NAME}/examples RENAME fleet.json)

    # Debian package. Library dependencies come from dpkg-shlibdeps (package dpkg-dev); the Qt SQL
    # drivers are plugins loaded at run time, which shlibdeps cannot see, so they are listed here.
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
    set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${BS_PACKAGE_MAINTAINER}")
    set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
    set(CPACK_DEBIAN_PACKAGE_SECTION database)
    set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-odbc, libqt6sql6-sqlite")
    # The ODBC driver manager and FreeTDS's driver reach SQL Server; qt6-wayland for Wayland sessions.
    set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "unixodbc, tdsodbc, qt6-wayland")
    set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
    set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
endif()

include(CPack)
