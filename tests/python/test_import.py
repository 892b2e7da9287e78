"""`import regsim` in an interpreter it was not built for says which one to use."""
import os
import subprocess
import sys


def test_a_python_without_pandas_is_told_to_use_debians(tmp_path):
    fake = tmp_path / "pandas"
    fake.mkdir()
    (fake / "__init__.py").write_text(
        "raise ModuleNotFoundError(\"No module named 'pandas'\", name='pandas')\n")
    env = dict(os.environ, PYTHONPATH=f"{tmp_path}{os.pathsep}{os.environ.get('PYTHONPATH', '')}")
    done = subprocess.run([sys.executable, "-c", "import regsim"], env=env, capture_output=True,
                          text=True)
    assert done.returncode != 0
    assert "regsim needs pandas, which this Python lacks" in done.stderr, done.stderr
    assert "/usr/bin/python3" in done.stderr and sys.executable in done.stderr
