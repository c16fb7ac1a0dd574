#!/usr/bin/env python3
"""measure.py RUNS LABEL OUTBASE [--pre SHELLCMD] -- CMD...

Runs CMD RUNS times; every run writes into a folder never used before
(OUTBASE.N, substituted for {out} in CMD), since creating files right
after deleting a large tree is much slower on some disks. Prints one line:
LABEL median (min-max) seconds and the peak RSS of the slowest-memory run,
and writes the median to stdout's last field for scripts. --pre runs
SHELLCMD (untimed, {n} replaced by the run number) before each run: a
rebuild benchmark edits an input there and builds into the same folder.
"""
import os
import resource
import subprocess
import sys
import time


def main():
    runs, label, outbase = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    cmd = sys.argv[sys.argv.index("--") + 1:]
    pre = None
    if "--pre" in sys.argv[4:sys.argv.index("--")]:
        pre = sys.argv[sys.argv.index("--pre") + 1]
    times, peak = [], 0
    for n in range(runs):
        out = f"{outbase}.{n}"
        argv = [a.replace("{out}", out) for a in cmd]
        if pre is not None:
            subprocess.run(pre.replace("{n}", str(n)), shell=True,
                           check=True)
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
        pid, status, ru = os.wait4(p.pid, 0)
        dt = time.perf_counter() - t0
        err = p.stderr.read().decode(errors="replace")
        if os.waitstatus_to_exitcode(status) != 0:
            print(f"{label}: run {n} failed:\n{err}", file=sys.stderr)
            sys.exit(1)
        times.append(dt)
        peak = max(peak, ru.ru_maxrss)
    times.sort()
    med = times[len(times) // 2]
    print(f"{label:<34} {med:8.3f} s  ({times[0]:.3f}-{times[-1]:.3f})"
          f"  peak RSS {peak / 1024:7.1f} MiB")


if __name__ == "__main__":
    main()
