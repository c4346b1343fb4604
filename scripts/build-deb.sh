#!/usr/bin/env bash
# Builds dist/blogdesk_<version>_<arch>.deb from the PyInstaller bundle in dist/blogdesk/
# (`make package` builds the bundle first; see docs/install.md).
#
# The package installs:
#   /opt/blogdesk/                      the bundle (no Python needed on the machine)
#   /usr/bin/blogdesk                   a symbolic link to /opt/blogdesk/blogdesk
#   /usr/share/applications/…desktop    the menu entry; offers "Open with" for Markdown files
#   /usr/share/metainfo/…metainfo.xml   AppStream: what software centres show
#   /usr/share/icons/hicolor/…          the icon, rendered from the SVG at 16–512 px, and scalable
#   /usr/share/doc/blogdesk/copyright   the licences
# Depends: computed by dpkg-shlibdeps from every ELF file of the bundle (the system libraries the
# bundle links against, with the minimum versions Debian's symbols files give), plus what the
# bundle opens at run time without linking it (OpenGL/EGL, a font).
# No maintainer scripts: dpkg's file triggers refresh the desktop, MIME and icon caches.
set -euo pipefail

cd "$(dirname "$0")/.."
repo=$PWD
bundle=$repo/dist/blogdesk
app_id=io.github.blogdesk.BlogDesk

die() { echo "build-deb.sh: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null || die "$1 is missing (apt-get install -y $2)"; }
need dpkg-deb dpkg
need dpkg-shlibdeps dpkg-dev
need rsvg-convert librsvg2-bin
need desktop-file-validate desktop-file-utils
need appstreamcli appstream
[ -x "$bundle/blogdesk" ] || die "no bundle in $bundle: run 'make package' (it builds it first)"

# The version the bundle itself reports: blogdesk.__version__, the one source of truth.
version=$("$bundle/blogdesk" --version | awk '{print $2}')
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]] || die "the bundle reports no usable version: '$version'"
arch=$(dpkg --print-architecture)
deb=$repo/dist/blogdesk_${version}_${arch}.deb

# The metadata must be valid before it is packaged (the same checks make test-package repeats on
# the installed files).
desktop-file-validate "packaging/linux/$app_id.desktop"
appstreamcli validate --no-net --explain "packaging/linux/$app_id.metainfo.xml"
release=$(grep -o '<release version="[^"]*"' "packaging/linux/$app_id.metainfo.xml" | head -n1 | cut -d'"' -f2)
[ "$release" = "$version" ] || die "the newest <release> in the metainfo is $release, the bundle is $version"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
    "$root/usr/share/metainfo" "$root/usr/share/doc/blogdesk"

cp -a "$bundle" "$root/opt/blogdesk"
# The bundle's own copy of the desktop files is for the other installers; the .deb puts them
# where the desktop looks.
rm -rf "$root/opt/blogdesk/_internal/share"
ln -s /opt/blogdesk/blogdesk "$root/usr/bin/blogdesk"
install -m644 "packaging/linux/$app_id.desktop" "$root/usr/share/applications/"
install -m644 "packaging/linux/$app_id.metainfo.xml" "$root/usr/share/metainfo/"

for size in 16 22 24 32 48 64 128 256 512; do
    dir=$root/usr/share/icons/hicolor/${size}x${size}/apps
    mkdir -p "$dir"
    rsvg-convert --width "$size" --height "$size" --format png \
        --output "$dir/$app_id.png" resources/icons/blogdesk.svg
done
install -Dm644 resources/icons/blogdesk.svg "$root/usr/share/icons/hicolor/scalable/apps/$app_id.svg"

# Debian's machine-readable copyright file: BlogDesk is GPL-3.0-or-later; the bundled components
# keep their own licence texts in /opt/blogdesk/_internal/licenses/.
cat > "$root/usr/share/doc/blogdesk/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: BlogDesk
Source: https://github.com/blogdesk/blogdesk

Files: *
Copyright: The BlogDesk team
License: GPL-3.0-or-later
 On Debian systems, the complete text of the GNU General Public License version 3 can be found
 in /usr/share/common-licenses/GPL-3.

Files: opt/blogdesk/_internal/*
Copyright: see /opt/blogdesk/_internal/licenses/ (Python, Qt and PySide6, QtWebEngine/Chromium,
 and each bundled Python package)
License: various
 Each bundled component's licence text is in /opt/blogdesk/_internal/licenses/<component>/.
 Qt and PySide6 are used under the LGPL-3.0.
EOF

# Depends, from the ELF files themselves. -l: the bundle's own libraries are found inside it
# (they are not dependencies); dpkg-shlibdeps wants a debian/control to read, so give it one.
mkdir -p "$work/debian"
printf 'Source: blogdesk\n\nPackage: blogdesk\nArchitecture: any\n' > "$work/debian/control"
mapfile -t elves < <(find "$root/opt/blogdesk" -type f -exec sh -c \
    'head -c4 "$1" | grep -q "^.ELF" && echo "$1"' _ {} \;)
[ ${#elves[@]} -gt 10 ] || die "found only ${#elves[@]} ELF files in the bundle"
libdirs=()
while read -r dir; do libdirs+=("-l$dir"); done < <(printf '%s\n' "${elves[@]}" | xargs -n1 dirname | sort -u)
echo "build-deb.sh: computing Depends from ${#elves[@]} ELF files"
shlibs=$(cd "$work" && dpkg-shlibdeps -O --ignore-missing-info "${libdirs[@]}" "${elves[@]}" 2>"$work/shlibdeps.log") \
    || { cat "$work/shlibdeps.log" >&2; die "dpkg-shlibdeps failed"; }
linked=${shlibs#shlibs:Depends=}
# Opened at run time by name, so no ELF file lists them: OpenGL and EGL (Qt's xcb/wayland
# integrations, Chromium's GPU process) and at least one font (without one every label and the
# preview render as empty boxes).
runtime=("libegl1" "libgl1" "libxkbcommon-x11-0" "fonts-dejavu-core | fonts-liberation2 | fonts-noto-core")
depends=$linked
for dep in "${runtime[@]}"; do
    # Only those dpkg-shlibdeps did not list already (a package named twice is a lintian error).
    grep -Eq "(^|, )${dep%% *}( |,|$)" <<<"$depends" || depends="$depends, $dep"
done

installed_kb=$(du -sk --apparent-size "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<EOF
Package: blogdesk
Version: $version
Architecture: $arch
Maintainer: The BlogDesk team <blogdesk@users.noreply.github.com>
Installed-Size: $installed_kb
Depends: $depends
Recommends: hicolor-icon-theme, xdg-utils
Section: editors
Priority: optional
Homepage: https://github.com/blogdesk/blogdesk
Description: desktop editor for blog authors
 BlogDesk is a Markdown editor with a live preview that shows the post the way the blog will,
 a library of posts kept as plain files, and one-click publishing to WordPress, Ghost,
 Micropub sites, Blogger, Dev.to and static sites.
EOF

# Owned by root whatever user builds it. xz: the bundle is mostly QtWebEngine's code, which xz
# shrinks best; the level is measured in docs/install.md (DEB_XZ_LEVEL overrides it).
mkdir -p dist
rm -f "$deb"
dpkg-deb --root-owner-group -Zxz -z"${DEB_XZ_LEVEL:-9}" --build "$root" "$deb" >/dev/null
dpkg-deb --info "$deb" | sed -n '/Package:/,/Description:/p'
echo "build-deb.sh: $(du -h "$deb" | cut -f1) $deb (installed: $((installed_kb / 1024)) MB)"
