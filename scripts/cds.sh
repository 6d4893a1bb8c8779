# Class Data Sharing for the apps' jars (sourced, not run). A dynamic archive holds the classes an app loaded in an
# earlier run, already parsed and verified; mapping it instead of reading the jar cuts start-up by about half
# (BENCHMARKS.md). It is valid for one jar file and one JDK build: the JVM checks both and ignores a stale archive.
# shellcheck shell=bash

# cds_options JAR: JVM options that start JAR from its archive (JAR's name with .jsa) when the archive is newer than
# JAR, else make the archive when this run of JAR exits normally (SIGTERM included).
cds_options() {
  local archive=${1%.jar}.jsa
  if [ -f "$archive" ] && [ "$archive" -nt "$1" ]; then
    echo "-XX:SharedArchiveFile=$archive"
  else
    # Dumping reports every class it leaves out as a warning; they are expected (e.g. classes built at run time).
    echo "-XX:ArchiveClassesAtExit=$archive -Xlog:cds=error,cds+dynamic=error"
  fi
}
