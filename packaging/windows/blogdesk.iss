; Inno Setup script: BlogDesk-<version>-setup.exe from the PyInstaller bundle (dist\blogdesk\).
; Built by .github/workflows/release.yml on Windows:
;
;   pyinstaller --noconfirm packaging\pyinstaller\blogdesk.spec
;   iscc /DAppVersion=0.1.0 packaging\windows\blogdesk.iss
;
; A per-user install (no administrator rights, no UAC prompt): the program goes to
; %LOCALAPPDATA%\Programs\BlogDesk, the Start-menu entry to the user's own Start menu, and the
; Markdown association to HKCU. The uninstaller (Settings > Apps) removes all three; the posts,
; settings and library are the user's and stay.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z (blogdesk --version prints it)
#endif
#define AppId "io.github.blogdesk.BlogDesk"
#define AppExe "blogdeskw.exe"

[Setup]
; The GUID-like AppId keeps upgrades and the uninstaller tied to one installation.
AppId={{8C1F3E0B-6F43-4B8E-9B7B-2D5D0B1E7A51}
AppName=BlogDesk
AppVersion={#AppVersion}
AppVerName=BlogDesk {#AppVersion}
AppPublisher=The BlogDesk team
AppPublisherURL=https://github.com/blogdesk/blogdesk
AppSupportURL=https://github.com/blogdesk/blogdesk/issues
DefaultDirName={autopf}\BlogDesk
DefaultGroupName=BlogDesk
DisableProgramGroupPage=yes
; Per-user by default; "lowest" never asks for elevation.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
LicenseFile=..\licenses\GPL-3.0.txt
OutputDir=..\..\dist
OutputBaseFilename=BlogDesk-{#AppVersion}-setup
SetupIconFile=..\..\build\icons\blogdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Tells Explorer to re-read file associations after install and uninstall.
ChangesAssociations=yes

[Files]
Source: "..\..\dist\blogdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\BlogDesk"; Filename: "{app}\{#AppExe}"; AppUserModelID: "{#AppId}"
Name: "{autodesktop}\BlogDesk"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Registry]
; "Open with > BlogDesk" for .md and .markdown files, without taking the default from whatever
; program the user chose: BlogDesk is added to OpenWithProgids, never to the extension's
; default value. Everything under HKCU (per-user) and removed on uninstall.
Root: HKA; Subkey: "Software\Classes\BlogDesk.Markdown"; ValueType: string; ValueName: ""; ValueData: "Markdown post"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\BlogDesk.Markdown\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\BlogDesk.Markdown\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.md\OpenWithProgids"; ValueType: string; ValueName: "BlogDesk.Markdown"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.markdown\OpenWithProgids"; ValueType: string; ValueName: "BlogDesk.Markdown"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".md"; ValueData: ""; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".markdown"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "BlogDesk"

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,BlogDesk}"; Flags: nowait postinstall skipifsilent
