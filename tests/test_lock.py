"""Installs reproduce: the lock files pin every package (with hashes) inside
pyproject.toml's ranges, this environment holds exactly those versions, and
every workflow installs from the lock."""

from __future__ import annotations

import re
import sys
import tomllib
from importlib.metadata import PackageNotFoundError, version

import pytest
import yaml
from conftest import PROJECT_ROOT
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

LOCKS = ("requirements.txt", "requirements-py313.txt")
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)", re.M)


def _pins(name: str) -> dict[str, str]:
    text = (PROJECT_ROOT / name).read_text("utf-8")
    return {canonicalize_name(m.group(1)): m.group(2) for m in _PIN.finditer(text)}


def _declared() -> list[Requirement]:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    return [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]]


@pytest.mark.parametrize("lock", LOCKS)
def test_the_lock_pins_every_declared_package_within_its_range_with_hashes(lock: str) -> None:
    pins = _pins(lock)
    text = (PROJECT_ROOT / lock).read_text("utf-8")
    outside = [
        f"{r.name} {pins.get(canonicalize_name(r.name))} not in {r.specifier or 'any'}"
        for r in _declared()
        if pins.get(canonicalize_name(r.name)) is None
        or not r.specifier.contains(pins[canonicalize_name(r.name)], prereleases=True)
    ]
    assert outside == [], "run `make lock` after changing pyproject.toml"
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n\n", 1)[-1] if text.startswith("#") else text)
    unhashed = [b.split("==")[0] for b in blocks if "==" in b and "--hash=sha256:" not in b]
    assert unhashed == []
    assert "--index-url" not in text and "--find-links" not in text  # the lock names no machine's mirror


def test_this_environment_holds_the_locked_versions() -> None:
    lock = "requirements-py313.txt" if sys.version_info[:2] == (3, 13) else "requirements.txt"
    differ = []
    for name, pinned in sorted(_pins(lock).items()):
        try:
            installed = version(name)
        except PackageNotFoundError:
            differ.append(f"{name}: not installed")
            continue
        if canonicalize_name(installed) != canonicalize_name(pinned):
            differ.append(f"{name}: {installed} installed, {pinned} locked")
    assert differ == []


def test_every_workflow_installs_from_the_lock_and_dependabot_proposes_updates() -> None:
    for path in sorted((PROJECT_ROOT / ".github/workflows").glob("*.yml")):
        installs = [line.strip() for line in path.read_text("utf-8").splitlines() if "pip install" in line]
        assert installs, path.name
        for line in installs:
            assert "--require-hashes -r requirements.txt" in line or "--no-deps" in line, (path.name, line)
    dependabot = yaml.safe_load((PROJECT_ROOT / ".github/dependabot.yml").read_text("utf-8"))
    ecosystems = {u["package-ecosystem"]: u["schedule"]["interval"] for u in dependabot["updates"]}
    assert ecosystems == {"pip": "weekly", "github-actions": "weekly"}
