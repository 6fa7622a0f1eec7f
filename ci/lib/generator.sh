# ci/lib/generator.sh -- the CMake generator of CI builds (sourced, not run).
#
# Exports CMAKE_GENERATOR=Ninja when ninja is installed (ci/setup installs
# ninja-build) and the caller has not chosen a generator: a build's own
# overhead (make's recursion, a cmake -E call per target) costs about 25 s
# of CPU per tree with Unix Makefiles, about 7 s with Ninja.  CMake reads
# the variable only when it creates a build directory: one configured
# earlier keeps its generator.
if [ -z "${CMAKE_GENERATOR:-}" ] && command -v ninja >/dev/null 2>&1; then
  export CMAKE_GENERATOR=Ninja
fi
