; Included by electron-builder's NSIS installer (electron-builder.yml: nsis.include).
; Windows picks a file's program by its last extension, so "lesson.convsheet.json" is a .json file:
; registering ".convsheet.json" would never match. Instead ConvSheet is listed under "Open with" for
; .json files (OpenWithProgids), leaving the user's default JSON program alone. SHCTX is the current
; user's or the machine's registry, following the install mode chosen.

!macro customInstall
  WriteRegStr SHCTX "Software\Classes\ConvSheet.Workbook" "" "ConvSheet workbook"
  WriteRegStr SHCTX "Software\Classes\ConvSheet.Workbook\DefaultIcon" "" "$appExe,0"
  WriteRegStr SHCTX "Software\Classes\ConvSheet.Workbook\shell\open\command" "" '"$appExe" "%1"'
  WriteRegStr SHCTX "Software\Classes\.json\OpenWithProgids" "ConvSheet.Workbook" ""
  ; SHCNE_ASSOCCHANGED: Explorer rereads the associations without a restart.
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
!macroend

!macro customUnInstall
  DeleteRegValue SHCTX "Software\Classes\.json\OpenWithProgids" "ConvSheet.Workbook"
  DeleteRegKey SHCTX "Software\Classes\ConvSheet.Workbook"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
!macroend
