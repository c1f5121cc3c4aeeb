# SPDX-License-Identifier: Apache-2.0
# Sourced by every bin/toolkit-* launcher: finds the build, picks the OpenBLAS kernel, bounds memory, execs java.
#   LEAPSEQ_HEAP        JVM heap (-Xmx); default 4g, or the launcher's own default_heap (toolkit-preprocess: 1g)
#   LEAPSEQ_NATIVE_MEM  off-heap ND4J/JavaCPP memory, default 8g
#   LEAPSEQ_JAVA_OPTS   extra JVM options
#   OPENBLAS_CORETYPE   kept when set; otherwise SkylakeX on AVX-512 CPUs, Haswell on AVX2 CPUs
#   MALLOC_MMAP_MAX_, MALLOC_TRIM_THRESHOLD_, MALLOC_TOP_PAD_, MALLOC_ARENA_MAX  kept when set; otherwise glibc
#                       serves every native buffer from one heap and keeps freed ones for reuse instead of unmapping
#                       them (ND4J allocates a buffer per op; faulting fresh pages in cost training 15-40%, and one
#                       arena instead of one per thread keeps less freed memory stranded; see docs/BENCHMARKS.md)
#   GLIBC_TUNABLES      glibc.malloc.hugetlb=1 added unless the variable already names it: glibc (2.35 and later;
#                       older ones ignore it) asks for transparent huge pages for its heap, so the first touch of
#                       new native memory faults 2 MiB at a time instead of 4 KiB (a fault cost about 12 us per
#                       4 KiB page on a 2-core VM: 340 MB/s; see docs/BENCHMARKS.md)
#   OMP_WAIT_POLICY, OPENBLAS_THREAD_TIMEOUT  kept when set; otherwise PASSIVE and 14: libnd4j's OpenMP workers and
#                       OpenBLAS's own threads sleep as soon as they are idle instead of spinning, so the two pools do
#                       not take cores from each other between ops (training 1.3-1.6x faster on 2 cores)
# A launcher that sets simd=1 before leapseq_exec (the decoding commands) adds the JDK's jdk.incubator.vector module
# for fused decoding's SIMD loops (see below).
set -euo pipefail

leapseq_root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"

leapseq_mib() { # "4g" / "512m" / "4G" -> MiB
  local v="${1,,}"
  case "$v" in
    *g) echo $(( ${v%g} * 1024 )) ;;
    *m) echo $(( ${v%m} )) ;;
    *) echo "leapseq: $2 must look like 4g or 512m, got '$1'" >&2; exit 2 ;;
  esac
}

leapseq_detect_coretype() {
  local flags
  flags=" $(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null | cut -d: -f2) "
  if [[ "$flags" == *" avx512f "* && "$flags" == *" avx512bw "* ]]; then echo SkylakeX
  elif [[ "$flags" == *" avx2 "* ]]; then echo Haswell
  fi
}

leapseq_exec() { # MAIN_CLASS ARGS...
  local main="$1"; shift
  local jar="$leapseq_root/toolkit-cli/target/toolkit-cli.jar" lib="$leapseq_root/toolkit-cli/target/lib"
  if [[ ! -f "$jar" || ! -d "$lib" ]]; then
    echo "leapseq: no build found under $leapseq_root/toolkit-cli/target; run: (cd $leapseq_root && mvn -q package -DskipTests)" >&2
    exit 1
  fi
  if [[ -z "${OPENBLAS_CORETYPE:-}" ]]; then
    OPENBLAS_CORETYPE="$(leapseq_detect_coretype)"
    [[ -n "$OPENBLAS_CORETYPE" ]] && export OPENBLAS_CORETYPE || unset OPENBLAS_CORETYPE
  fi
  export MALLOC_MMAP_MAX_="${MALLOC_MMAP_MAX_:-0}"
  export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-4294967296}"
  export MALLOC_TOP_PAD_="${MALLOC_TOP_PAD_:-268435456}"
  export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-1}"
  if [[ "${GLIBC_TUNABLES:-}" != *glibc.malloc.hugetlb* ]]; then
    export GLIBC_TUNABLES="${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}glibc.malloc.hugetlb=1"
  fi
  export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
  export OPENBLAS_THREAD_TIMEOUT="${OPENBLAS_THREAD_TIMEOUT:-14}"
  local heap="${LEAPSEQ_HEAP:-${default_heap:-4g}}" native="${LEAPSEQ_NATIVE_MEM:-8g}"
  local heap_mib native_mib
  heap_mib="$(leapseq_mib "$heap" LEAPSEQ_HEAP)"
  native_mib="$(leapseq_mib "$native" LEAPSEQ_NATIVE_MEM)"
  # shellcheck disable=SC2206
  local cmd=(java -Xmx"${heap_mib}m" -XX:+UseParallelGC
    -Dorg.bytedeco.javacpp.maxbytes="${native_mib}m"
    -Dorg.bytedeco.javacpp.maxphysicalbytes="$(( heap_mib + native_mib + 1024 ))m"
    ${LEAPSEQ_JAVA_OPTS:-} -cp "$jar:$lib/*" "$main" "$@")
  if [[ "${simd:-0}" != 1 ]]; then
    exec "${cmd[@]}"
  fi
  # Decoding commands add jdk.incubator.vector (fused decoding's SIMD loops). The JVM then prints "WARNING: Using
  # incubator modules" before main; that one line is filtered out so errors stay one line. java runs as a child
  # (stdin kept) with TERM/INT/HUP passed on, and the launcher exits with its status after the filter has flushed.
  cmd=("${cmd[0]}" --add-modules jdk.incubator.vector "${cmd[@]:1}")
  local dir filter pid rc=0
  dir="$(mktemp -d)"
  mkfifo "$dir/stderr"
  grep --line-buffered -v -x 'WARNING: Using incubator modules: jdk.incubator.vector' <"$dir/stderr" >&2 &
  filter=$!
  "${cmd[@]}" 0<&0 2>"$dir/stderr" &
  pid=$!
  trap 'kill -TERM "$pid" 2>/dev/null' TERM INT HUP
  wait "$pid" || rc=$?
  while kill -0 "$pid" 2>/dev/null; do
    rc=0
    wait "$pid" || rc=$?
  done
  wait "$filter" 2>/dev/null || true
  rm -rf "$dir"
  exit "$rc"
}
