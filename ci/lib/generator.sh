# ci/lib/generator.sh -- the CMake generator for a CI build (sourced, not run).
#
#   h1_generator DIR    sets the array `gen` to the `cmake -G` arguments for
#                       the build directory DIR
#
# Ninja when it is installed (ci/setup installs ninja-build): a build's own
# overhead (make's recursion, cmake -E calls per target) costs about 25 s of
# CPU per tree with Unix Makefiles and about 7 s with Ninja.  A directory
# already configured with another generator keeps it: CMake refuses to
# switch generators in place.
h1_generator() {
  gen=()
  command -v ninja >/dev/null 2>&1 || return 0
  if [ -f "$1/CMakeCache.txt" ] &&
    ! grep -qx 'CMAKE_GENERATOR:INTERNAL=Ninja' "$1/CMakeCache.txt"; then
    return 0
  fi
  gen=(-G Ninja)
}
