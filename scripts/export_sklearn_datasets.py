#!/usr/bin/python3
"""Export two small datasets shipped inside Debian's python3-sklearn to LIBSVM text files.

Writes, by default into the repository's datasets/ folder:

  digits.libsvm         1797 rows, 64 features, labels 0..9; pixel counts 0..16 divided by 16,
                        so every value lies in [0, 1].
  breast_cancer.libsvm  569 rows, 30 features, labels 0/1 as scikit-learn ships them
                        (0 = malignant, 1 = benign); feature values unchanged.

Format: one row per line, "label index:value ...", indices 1-based and increasing, zero
values left out (the usual sparse LIBSVM convention, so readers should be told the feature
count: 64 and 30). Values are written in Python's shortest round-trip form, so the files
are byte-for-byte reproducible from the same python3-sklearn version.

Nothing is downloaded: load_digits() and load_breast_cancer() read the CSV files inside the
package (sklearn/datasets/data/). When scikit-learn is missing and we run as root, the script
installs python3-sklearn with apt-get first, as CI does on a fresh Debian machine.

Usage: /usr/bin/python3 scripts/export_sklearn_datasets.py [--out-dir DIR]
"""

import argparse
import os
import shutil
import subprocess
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIGITS_PIXEL_MAX = 16.0


def ensure_sklearn():
    """Import scikit-learn, installing Debian's python3-sklearn when allowed."""
    try:
        import sklearn  # noqa: F401
        return
    except ImportError:
        pass
    can_install = shutil.which("apt-get") is not None and os.geteuid() == 0
    if not can_install:
        sys.exit("scikit-learn is missing: run 'apt-get install -y python3-sklearn' as root")
    print("scikit-learn is missing; installing python3-sklearn with apt-get", flush=True)
    subprocess.run(["apt-get", "update"], check=True)
    subprocess.run(["apt-get", "install", "-y", "python3-sklearn"], check=True)
    os.execv(sys.executable, [sys.executable] + sys.argv)


def format_number(value):
    """Shortest text that reads back as the same double; integral values without '.0'."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def write_libsvm(path, features, labels):
    """Write rows as LIBSVM lines; the file appears only once complete."""
    tmp_path = path + ".tmp"
    with open(tmp_path, "w", encoding="ascii", newline="\n") as out:
        for row, label in zip(features, labels):
            cells = [format_number(label)]
            for index, value in enumerate(row, start=1):
                if value != 0.0:
                    cells.append(f"{index}:{format_number(value)}")
            out.write(" ".join(cells) + "\n")
    os.replace(tmp_path, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", default=os.path.join(REPO_ROOT, "datasets"),
                        help="folder to write the .libsvm files to (default: datasets/)")
    args = parser.parse_args()

    ensure_sklearn()
    import sklearn
    from sklearn.datasets import load_breast_cancer, load_digits

    os.makedirs(args.out_dir, exist_ok=True)

    digits = load_digits()
    pixels = digits.data / DIGITS_PIXEL_MAX
    assert pixels.shape == (1797, 64) and pixels.min() >= 0.0 and pixels.max() <= 1.0
    digits_path = os.path.join(args.out_dir, "digits.libsvm")
    write_libsvm(digits_path, pixels, digits.target)
    print(f"wrote {digits_path}: {pixels.shape[0]} rows, {pixels.shape[1]} features, "
          f"{len(set(digits.target))} classes")

    cancer = load_breast_cancer()
    assert cancer.data.shape == (569, 30)
    cancer_path = os.path.join(args.out_dir, "breast_cancer.libsvm")
    write_libsvm(cancer_path, cancer.data, cancer.target)
    print(f"wrote {cancer_path}: {cancer.data.shape[0]} rows, {cancer.data.shape[1]} features, "
          f"{int(cancer.target.sum())} of label 1 (benign)")

    print(f"scikit-learn {sklearn.__version__}")


if __name__ == "__main__":
    main()
