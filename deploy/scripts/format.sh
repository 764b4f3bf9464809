#!/usr/bin/env bash
# Issue 16: formats every Java file with the pinned formatter (Spotless, Eclipse JDT 4.41 with
# deploy/formatter/eclipse-java.xml, import order, unused imports, trailing white space, final newline), then runs the
# same check that `mvn verify` runs once `spotless.check.skip` is false, from a cold start, so a pass here is a pass there.
# Usage (any folder of the repository): deploy/scripts/format.sh [extra Maven arguments, e.g. -o]
# The first run on a machine fetches the formatter's jars from Maven Central (about 11 MB); later runs work with -o.
set -euo pipefail
cd "$(dirname "$0")/../.."
nice -n 10 mvn -B -q "$@" spotless:apply
# spotless keeps an index of files it has seen clean; without it the check reads every file, as on CI
rm -f target/spotless-index
nice -n 10 mvn -B -q "$@" spotless:check -Dspotless.check.skip=false
echo "formatted and checked; the change:"
git diff --shortstat
