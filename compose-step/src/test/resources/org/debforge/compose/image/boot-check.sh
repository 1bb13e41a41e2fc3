#!/bin/sh
# Printed on the serial console (journal+console) at the end of boot, for the boot test to read.
if test -e /run/ostree-booted; then echo "DEBFORGE-CHECK ostree-booted=yes"; else echo "DEBFORGE-CHECK ostree-booted=no"; fi
if touch /usr/.debforge-probe 2>/dev/null; then echo "DEBFORGE-CHECK usr-read-only=no"; else echo "DEBFORGE-CHECK usr-read-only=yes"; fi
ostree admin status 2>&1 | sed 's/^/DEBFORGE-STATUS /'
dpkg-query -W -f='DEBFORGE-PKG ${Package} ${Version} ${Architecture}\n'
echo "DEBFORGE-CHECK failed-units-begin"
systemctl --failed --no-legend --plain 2>&1 | sed 's/^/DEBFORGE-FAILED /'
echo "DEBFORGE-CHECK failed-units-end"
echo "DEBFORGE-BOOT-OK"
