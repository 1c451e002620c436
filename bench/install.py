"""What ``pip install .`` brings: distributions and bytes on disk, in a fresh virtualenv.

    python bench/install.py            # core
    python bench/install.py agents     # core + an extra

pip and setuptools (present in every virtualenv) are not counted; ctxbus itself is.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = {"pip", "setuptools", "wheel"}

# Run inside the new venv: every distribution and the size of the files its RECORD lists.
_MEASURE = """
import json, os
from importlib import metadata
out = {}
for dist in metadata.distributions():
    name = dist.metadata["Name"]
    size = 0
    for f in dist.files or ():
        path = dist.locate_file(f)
        if os.path.isfile(path):
            size += os.path.getsize(path)
    out[name] = size
print(json.dumps(out))
"""


def main() -> None:
    extra = sys.argv[1] if len(sys.argv) > 1 else ""
    target = f"{ROOT}[{extra}]" if extra else str(ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        python = venv / "bin" / "python"
        subprocess.run([python, "-m", "pip", "install", "-q", target], check=True)
        found = json.loads(
            subprocess.run(
                [python, "-c", _MEASURE], check=True, capture_output=True, text=True
            ).stdout
        )
    counted = {k: v for k, v in found.items() if k.lower() not in SEED}
    for name, size in sorted(counted.items(), key=lambda kv: -kv[1]):
        print(f"{name:28} {size / 1e6:7.1f} MB")
    total = sum(counted.values())
    print(
        f"\n`pip install {'.[' + extra + ']' if extra else '.'}`: "
        f"{len(counted)} distributions, {total / 1e6:.0f} MB"
    )


if __name__ == "__main__":
    main()
