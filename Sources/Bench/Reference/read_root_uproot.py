"""Reference timing for `make bench`: uproot reading every histogram of every run file in a directory.

Usage: python3 read_root_uproot.py DIR PATTERN
Reads each *.root file in DIR once, every TH1/TH2 whose path matches PATTERN ('/'-separated, '*' within one
component), takes its in-range values() and edges, and prints the elapsed seconds of the reading loop
(the import is not timed) and the number of histograms read, as "SECONDS COUNT".
"""
import fnmatch
import glob
import os
import sys
import time

import uproot


def main():
    directory, pattern = sys.argv[1], sys.argv[2]
    parts = pattern.split("/")
    files = sorted(glob.glob(os.path.join(directory, "*.root")))
    start = time.perf_counter()
    count = 0
    for path in files:
        with uproot.open(path) as f:
            for key, classname in f.classnames(cycle=False).items():
                if not classname.startswith(("TH1", "TH2")):
                    continue
                names = key.split("/")
                if len(names) != len(parts) or not all(fnmatch.fnmatchcase(n, p) for n, p in zip(names, parts)):
                    continue
                h = f[key]
                h.values()
                h.axis(0).edges()
                count += 1
    print(f"{time.perf_counter() - start:.6f} {count}")


if __name__ == "__main__":
    main()
