#!/usr/bin/env bash
# Measures which Debian/Ubuntu packages a real window of roadmap-app needs on a minimal system.
#
#   sudo scripts/check_linux_libraries.sh [--minimal] debian|ubuntu [FOLDER]
#
# Builds a minbase chroot (Debian 12 bookworm or Ubuntu 24.04 noble) in FOLDER (default
# /var/tmp/roadmap-libcheck-DISTRO, which must not exist yet), installs only python3 and python3-venv, pip-installs
# this repository's committed HEAD into /opt/venv (a normal, non-editable install), runs ldd on the Qt libraries
# and plugins the window loads and on every other compiled module the app's dependencies bring, and maps each
# "not found" library to the package that ships it (apt's Contents index). It installs exactly those packages
# and checks that nothing is missing any more and that Qt finds a font; only then it installs xvfb and opens the
# window on the X server (xcb, a real X window), which must paint its first frame (roadmap-app gui --smoke-test).
# Every system library the window process had loaded must come from a package installed before xvfb, so xvfb's
# own libraries cannot hide a gap. A screenshot of the X screen is left in FOLDER/tmp/roadmap-window.png.
# With --minimal, each package of the list is then removed in turn (dpkg --force-depends) and the window must
# fail without it, so the list has nothing it does not need.
#
# Needs: root, debootstrap, git, and the distribution's package mirror and PyPI reachable. Mirrors can be changed
# with DEBIAN_MIRROR / UBUNTU_MIRROR; a PIP_CERT or PIP_INDEX_URL set here is passed on to pip in the chroot.
# Takes 3-5 minutes (--minimal included) and 1.5-2 GB of disk. Exits 0 when the window came
# up with the list; the last lines print the list as one apt-get line. The folder is kept for a look afterwards.
set -euo pipefail

die() { echo "check_linux_libraries: $*" >&2; exit 1; }
say() { echo; echo "== $*"; }

minimal=no
if [[ ${1:-} == --minimal ]]; then minimal=yes; shift; fi
distro=${1:-}
case $distro in
  debian) suite=bookworm; mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}; components=main
          pockets=("$suite" "$suite-updates"); security="deb ${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security} $suite-security main";;
  ubuntu) suite=noble; mirror=${UBUNTU_MIRROR:-http://archive.ubuntu.com/ubuntu}; components="main universe"
          pockets=("$suite" "$suite-updates" "$suite-security"); security="";;
  *) die "say which system to check: debian (12, bookworm) or ubuntu (24.04, noble); see the header of $0";;
esac
root=${2:-/var/tmp/roadmap-libcheck-$distro}
repo=$(cd "$(dirname "$0")/.." && pwd)

[[ $(id -u) == 0 ]] || die "needs root (debootstrap, chroot and mount do): run it with sudo"
command -v debootstrap > /dev/null || die "needs debootstrap: sudo apt-get install debootstrap"
git -C "$repo" rev-parse HEAD > /dev/null 2>&1 || die "$repo is not a git checkout (the check installs its HEAD)"
[[ -e $root ]] && die "$root exists already: remove it (or give another folder) so the check starts from nothing"

mounted=()
xvfb_pid=""
cleanup() {
  if [[ -n $xvfb_pid ]]; then kill "$xvfb_pid" 2> /dev/null || true; fi
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -R "${mounted[i]}" 2> /dev/null || umount -l "${mounted[i]}" || true; done
}
trap cleanup EXIT

# Runs a command in the chroot with a clean environment; X and pip settings are passed explicitly where needed.
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
  DEBIAN_FRONTEND=noninteractive "$@"; }
apt_install() { in_root apt-get install -y -q --no-install-recommends "$@" > "$root/tmp/apt.log" 2>&1 \
  || { tail -n 20 "$root/tmp/apt.log"; die "apt-get install $* failed"; }; }

say "1. minbase $distro $suite in $root"
bootstrap=(debootstrap --variant=minbase --components="${components// /,}")
script=""
if [[ $distro == ubuntu ]]; then
  if [[ -f /usr/share/keyrings/ubuntu-archive-keyring.gpg ]]; then
    bootstrap+=(--keyring=/usr/share/keyrings/ubuntu-archive-keyring.gpg)
  else
    echo "No Ubuntu keyring on this host: the base is fetched unchecked; apt in the chroot checks with Ubuntu's keys."
    bootstrap+=(--no-check-gpg)
  fi
  # An older debootstrap has no script named after noble; every Ubuntu release since 7.10 uses the same one.
  [[ -e /usr/share/debootstrap/scripts/$suite ]] || script=/usr/share/debootstrap/scripts/gutsy
fi
log=/tmp/roadmap-libcheck-$distro-debootstrap.log
"${bootstrap[@]}" "$suite" "$root" "$mirror" $script > "$log" 2>&1 || { tail -n 20 "$log"; die "debootstrap failed"; }

cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc" && mounted+=("$root/proc")
mount -t sysfs sys "$root/sys" && mounted+=("$root/sys")
mount --rbind /dev "$root/dev" && mount --make-rslave "$root/dev" && mounted+=("$root/dev")

# Contents indexes (which package ships which file) are fetched for the release pocket only, as apt-file would.
{
  for pocket in "${pockets[@]}"; do
    if [[ $pocket == "$suite" ]]; then echo "deb $mirror $pocket $components"
    else echo "deb [target-=Contents-deb] $mirror $pocket $components"; fi
  done
  if [[ -n $security ]]; then echo "${security/deb /deb [target-=Contents-deb] }"; fi
} > "$root/etc/apt/sources.list"
contents_key='Contents-$(ARCHITECTURE)'
[[ $distro == debian ]] && contents_key='$(COMPONENT)/Contents-$(ARCHITECTURE)'
cat > "$root/etc/apt/apt.conf.d/50contents" << EOF
Acquire::IndexTargets::deb::Contents-deb {
    MetaKey "$contents_key";
    ShortDescription "Contents-\$(ARCHITECTURE)";
    Description "\$(RELEASE) \$(ARCHITECTURE) Contents (deb)";
    KeepCompressed "true";
    DefaultEnabled "true";
};
EOF
in_root apt-get update -q > "$root/tmp/apt.log" 2>&1 || { tail -n 20 "$root/tmp/apt.log"; die "apt-get update failed"; }
in_root apt-get upgrade -y -q > "$root/tmp/apt.log" 2>&1 || die "apt-get upgrade failed"

say "2. python3 and the project (git HEAD $(git -C "$repo" rev-parse --short HEAD), uncommitted changes left out)"
apt_install python3 python3-venv
mkdir -p "$root/opt/roadmap" "$root/opt/check"
git -C "$repo" archive HEAD | tar -x -C "$root/opt/roadmap"
pip_env=(PIP_DISABLE_PIP_VERSION_CHECK=1)
if [[ -n ${PIP_CERT:-} ]]; then cp "$PIP_CERT" "$root/opt/check/pip-cert.pem"; pip_env+=(PIP_CERT=/opt/check/pip-cert.pem); fi
if [[ -n ${PIP_INDEX_URL:-} ]]; then pip_env+=(PIP_INDEX_URL="$PIP_INDEX_URL"); fi
in_root python3 -m venv /opt/venv
in_root "${pip_env[@]}" /opt/venv/bin/pip install -q /opt/roadmap || die "pip install of the project failed"
site=$(in_root /opt/venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
in_root /opt/venv/bin/python - << 'EOF' || die "the installed package lacks its bundled roadmaps or resources"
from importlib.resources import files
package = files("roadmap_app")
roadmaps = [item.name for item in (package / "roadmaps").iterdir() if item.name.endswith(".roadmap.yaml")]
assert roadmaps, "no bundled roadmaps"
assert (package / "resources" / "roadmap-format.md").is_file(), "no format guide"
print("the installed package carries", len(roadmaps), "bundled roadmaps and its resources")
EOF

# The window's Qt modules, from the installed package's own imports, and the Qt plugins it loads. Left out:
# the OpenGL integrations (the window paints with QPainter, never OpenGL), the GTK theme and other platforms.
cat > "$root/opt/check/app_objects.sh" << 'EOF'
site=$1
qt=$site/PySide6/Qt
for module in $(grep -rhoE "from PySide6\.Qt[A-Za-z]+ import" "$site/roadmap_app" | awk '{print $2}' | sort -u); do
  echo "$site/PySide6/${module#PySide6.}.abi3.so"
done
ls "$qt"/plugins/platforms/libqxcb.so "$qt"/plugins/imageformats/*.so "$qt"/plugins/iconengines/*.so \
  "$qt"/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so \
  "$qt"/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so \
  "$qt"/plugins/platformthemes/libqxdgdesktopportal.so
find "$site" -path "$site/PySide6" -prune -o -name '*.so*' -type f -print
EOF
# Prints "soname <- file" for every library ldd cannot find. libQt6* are not the system's: PySide6 ships them
# (the PDF image plugin's libQt6Pdf comes only with PySide6-Addons, and Qt skips that plugin without it).
cat > "$root/opt/check/missing.sh" << 'EOF'
for file in $(sh /opt/check/app_objects.sh "$1"); do
  ldd "$file" | awk -v file="${file#$1/}" '/not found/ && $1 !~ /^libQt6/ {print $1, "<-", file}'
done
EOF
# Prints "soname package" for each soname on stdin, from apt's Contents indexes.
cat > "$root/opt/check/packages_of.sh" << 'EOF'
for index in /var/lib/apt/lists/*Contents-amd64*; do /usr/lib/apt/apt-helper cat-file "$index"; done > /tmp/contents
while read -r soname; do
  pattern="^(usr/)?lib/x86_64-linux-gnu/$(printf '%s' "$soname" | sed 's/[.+]/\\&/g')[[:space:]]"
  echo "$soname $(grep -E "$pattern" /tmp/contents | awk '{print $NF}' | sed 's|.*/||' | sort -u | paste -sd,)"
done
EOF

say "3. ldd: libraries the window's Qt and the other compiled modules cannot find"
in_root sh /opt/check/missing.sh "$site" > "$root/tmp/missing.txt"
[[ -s $root/tmp/missing.txt ]] || die "ldd found nothing missing: is this really a minimal system?"
awk '{print $1}' "$root/tmp/missing.txt" | sort -u | in_root sh /opt/check/packages_of.sh > "$root/tmp/packages.txt"
while read -r soname package; do
  printf '  %-28s %-22s needed by %s\n' "$soname" "${package:-NO PACKAGE FOUND}" \
    "$(awk -v s="$soname" '$1 == s {print $3}' "$root/tmp/missing.txt" | sed 's|.*/||' | sort -u | head -4 | paste -sd' ')"
done < "$root/tmp/packages.txt"
awk 'NF < 2 {exit 1}' "$root/tmp/packages.txt" || die "a missing library is in no package (see the list above)"
list=$(awk '{print $2}' "$root/tmp/packages.txt" | tr , '\n' | sort -u | paste -sd' ')

say "4. install the list, then nothing may be missing and Qt must find a font"
apt_install $list
in_root sh /opt/check/missing.sh "$site" > "$root/tmp/missing-after.txt"
[[ ! -s $root/tmp/missing-after.txt ]] || { cat "$root/tmp/missing-after.txt"; die "still missing after installing the list"; }
echo "ldd: nothing missing"
# Fonts are data, not linked, yet Qt draws no letter without one; libfontconfig1 brings one through its
# dependency fontconfig-config. Without a font file Qt still lists fontconfig's generic names, but has no glyph.
cat > "$root/opt/check/fonts.py" << 'EOF'
import sys
from PySide6.QtGui import QFont, QFontInfo, QFontMetrics, QGuiApplication
app = QGuiApplication([sys.argv[0], "-platform", "offscreen"])
has_glyphs = QFontMetrics(QFont()).inFont("R")
print("Qt draws text with", QFontInfo(QFont()).family() if has_glyphs else "no font: letters would be boxes")
sys.exit(0 if has_glyphs else 1)
EOF
in_root /opt/venv/bin/python /opt/check/fonts.py 2> /dev/null || die "Qt finds no font: text would be drawn as boxes"
fonts=$(in_root dpkg -S /usr/share/fonts 2> /dev/null | sed 's/: .*//' | tr -d , | tr ' ' '\n' | grep -v '^$' | sort -u | paste -sd' ' || true)
echo "font packages, all brought by the list's dependencies: $fonts"
in_root dpkg-query -W -f '${Status} ${Package}\n' | awk '$3 == "installed" {print $4}' | sort > "$root/tmp/before-xvfb.txt"

say "5. a real X window: xvfb, then roadmap-app gui --smoke-test on xcb"
apt_install xvfb xauth
# roadmap-app gui --smoke-test, which also writes the system libraries the process had loaded when it ended.
cat > "$root/opt/check/smoke.py" << 'EOF'
import atexit
import sys
from roadmap_app.cli import main

def write_loaded():
    with open("/proc/self/maps") as maps:
        paths = {line.split()[5] for line in maps if len(line.split()) >= 6 and ".so" in line.split()[5]}
    with open(sys.argv[1], "w") as out:
        out.write("".join(f"{path}\n" for path in sorted(paths) if not path.startswith("/opt/")))

atexit.register(write_loaded)
sys.exit(main(["gui", "--smoke-test", "--data-dir", "/tmp/roadmap-smoke"]))
EOF
# In a subshell whose stderr is dropped: Qt's abort when it cannot load xcb would make bash print "Aborted".
smoke() { (timeout 120 chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 DISPLAY="$1" \
  /opt/venv/bin/python /opt/check/smoke.py /tmp/loaded.txt > "$root/tmp/smoke.log" 2>&1; exit $?) 2> /dev/null; }
smoke_on_xvfb() { timeout 150 chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 \
  xvfb-run -a -s "-screen 0 1024x700x24" /opt/venv/bin/python /opt/check/smoke.py /tmp/loaded.txt \
  > "$root/tmp/smoke.log" 2>&1; }
if smoke_on_xvfb; then
  echo "the window painted its first frame on X (xcb)"
else
  code=$?
  cat "$root/tmp/smoke.log"
  echo "Run it again with QT_DEBUG_PLUGINS=1 in the chroot to see what Qt could not load."
  die "the window did not come up (exit $code)"
fi
# Each loaded library's package must have been there before xvfb came.
in_root sh -c 'while read -r f; do dpkg -S "$f" 2> /dev/null || dpkg -S "${f#/usr}" 2> /dev/null || echo "?: $f"; done \
  < /tmp/loaded.txt' | awk -F: '{print $1}' | sort -u > "$root/tmp/loaded-packages.txt"
late=$(comm -23 "$root/tmp/loaded-packages.txt" "$root/tmp/before-xvfb.txt" | paste -sd' ')
[[ -z $late ]] || die "the window loaded libraries that came only with xvfb (or no package): $late"
echo "every library the window loaded comes from a package installed before xvfb"

# A look at the screen: the window runs for a while, then the X screen is grabbed through Qt's xcb plugin.
cat > "$root/opt/check/grab.py" << 'EOF'
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
sys.exit(0 if app.primaryScreen().grabWindow(0).save(sys.argv[1]) else 1)
EOF
in_root xvfb-run -a -s "-screen 0 1024x700x24" sh -c '/opt/venv/bin/roadmap-app gui --data-dir /tmp/roadmap-look & app=$!;
  sleep 10; /opt/venv/bin/python /opt/check/grab.py /tmp/roadmap-window.png; kill $app' > /dev/null 2>&1 \
  && echo "screenshot of the X screen: $root/tmp/roadmap-window.png" || echo "(no screenshot could be taken)"

if [[ $minimal == yes ]]; then
  say "6. each package removed in turn: the window must fail without it"
  # One X server for the whole round, started before any removal: it keeps the libraries it has loaded.
  display=:$((90 + RANDOM % 400))
  chroot "$root" /usr/bin/Xvfb "$display" -screen 0 1024x700x24 -nolisten tcp > /dev/null 2>&1 & xvfb_pid=$!
  sleep 2
  smoke "$display" || die "the window did not come up on the X server of this round"
  unneeded=""
  for package in $list; do
    in_root dpkg --purge --force-depends "$package" > /dev/null 2>&1 || die "could not remove $package"
    if smoke "$display" && in_root /opt/venv/bin/python /opt/check/fonts.py > /dev/null 2>&1; then
      echo "  $package: NOT needed"; unneeded="$unneeded $package"
    else
      why=$(grep -m1 -oE 'system library [^ ,]*' "$root/tmp/smoke.log" \
        || grep -m1 -oE 'Could not load the Qt platform plugin "[a-z]*"' "$root/tmp/smoke.log" || echo "no font")
      echo "  $package: needed ($why)"
    fi
    apt_install "$package"
  done
  # The font packages are no one's pick on the list, but a font is needed: without any, letters are boxes.
  in_root dpkg --purge --force-depends $fonts > /dev/null 2>&1 || die "could not remove $fonts"
  if in_root /opt/venv/bin/python /opt/check/fonts.py > /dev/null 2>&1; then unneeded="$unneeded (any font)"
  else echo "  every font package ($fonts): needed (no font)"; fi
  apt_install $fonts
  smoke "$display" || die "the window did not come up again after putting the packages back"
  [[ -z $unneeded ]] || die "packages the window does not need:$unneeded"
fi

say "the packages a window of roadmap-app needs on minimal $distro $suite (a font comes with libfontconfig1):"
echo "sudo apt-get install $list"
