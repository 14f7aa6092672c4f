# Windows packaging: Qt deployment into the install tree and an NSIS installer with a Start-menu entry.
# Included from installer/packaging.cmake only when WIN32. Not built on the project's Linux machines:
# see README.md next to this file.

# A GUI application: no console window when started from the Start menu.
set_target_properties(broker-studio PROPERTIES WIN32_EXECUTABLE ON)

# The executable's icon (Explorer, taskbar). broker-studio.ico holds the PNGs of
# resources/icons/hicolor; the resource script names it by absolute path.
set(_bs_rc ${PROJECT_BINARY_DIR}/packaging/broker-studio.rc)
file(WRITE ${_bs_rc} "IDI_ICON1 ICON \"${CMAKE_CURRENT_LIST_DIR}/broker-studio.ico\"\n")
target_sources(broker-studio PRIVATE ${_bs_rc})

# windeployqt through Qt's CMake API (Qt >= 6.3): Qt DLLs, platform/style/imageformat/iconengine
# plugins, the SQL drivers (QODBC, QSQLITE) and the compiler runtime go next to broker-studio.exe.
if(COMMAND qt_generate_deploy_app_script)
    if(Qt6_VERSION VERSION_GREATER_EQUAL 6.5)
        qt_generate_deploy_app_script(TARGET broker-studio OUTPUT_SCRIPT _bs_deploy_script)
    else()
        qt_generate_deploy_app_script(TARGET broker-studio FILENAME_VARIABLE _bs_deploy_script)
    endif()
    install(SCRIPT ${_bs_deploy_script})
else()
    message(WARNING "qt_generate_deploy_app_script needs Qt 6.3 or later; run windeployqt by hand")
endif()

# Graphviz and QtKeychain are not Qt modules, so windeployqt does not copy them. Graphviz loads its
# layout plugins at run time and needs its config6 file beside them: copy its whole bin folder.
set(BS_GRAPHVIZ_BIN_DIR "" CACHE PATH "Graphviz bin folder (gvc.dll, gvplugin_*.dll, config6) to ship")
set(BS_EXTRA_DLLS "" CACHE FILEPATH "Further DLLs to ship next to broker-studio.exe (e.g. qt6keychain.dll)")
if(BS_GRAPHVIZ_BIN_DIR)
    install(DIRECTORY ${BS_GRAPHVIZ_BIN_DIR}/ DESTINATION bin
            FILES_MATCHING PATTERN "*.dll" PATTERN "config6")
endif()
if(BS_EXTRA_DLLS)
    install(FILES ${BS_EXTRA_DLLS} DESTINATION bin)
endif()
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION . RENAME LICENSE.txt)

# NSIS installer (https://cmake.org/cmake/help/latest/cpack_gen/nsis.html) plus a ZIP.
set(CPACK_GENERATOR NSIS ZIP)
set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY "Broker Studio")
set(CPACK_NSIS_PACKAGE_NAME "Broker Studio ${PROJECT_VERSION}")
set(CPACK_NSIS_DISPLAY_NAME "Broker Studio")
set(CPACK_NSIS_URL_INFO_ABOUT "${PROJECT_HOMEPAGE_URL}")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\broker-studio.exe")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MUI_ICON "${CMAKE_CURRENT_LIST_DIR}/broker-studio.ico")
set(CPACK_NSIS_MUI_UNIICON "${CMAKE_CURRENT_LIST_DIR}/broker-studio.ico")
# Start-menu entry "Broker Studio" for bin\broker-studio.exe (pairs: executable without .exe, label).
set(CPACK_PACKAGE_EXECUTABLES "broker-studio" "Broker Studio")
set(CPACK_NSIS_EXECUTABLES_DIRECTORY bin)
