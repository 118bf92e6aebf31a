"""pyproject.toml and environment.yml name the same dependencies; the README's commands exist."""

import re
import tomllib

import yaml

from conftest import ROOT


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_names_every_dependency_of_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]}
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [d for d in environment["dependencies"] if isinstance(d, str)]
    pip = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    named = {_name(d) for d in conda + pip if not d.startswith("-")}
    assert "python" in named and any(p.startswith("-e .") for p in pip)
    assert wanted <= named, f"missing from environment.yml: {sorted(wanted - named)}"
    assert named - {"python", "pip"} <= wanted, f"not in pyproject.toml: {sorted(named - {'python', 'pip'} - wanted)}"


def test_environment_yml_pins_python_311_and_torch_like_the_makefile():
    environment = (ROOT / "environment.yml").read_text()
    assert "python=3.11" in environment
    assert "torch==2.13.0" in environment and "torch==2.13.0" in (ROOT / "Makefile").read_text()


def test_readme_quick_start_commands_are_make_targets():
    readme = (ROOT / "README.md").read_text()
    makefile = (ROOT / "Makefile").read_text()
    targets = re.findall(r"^make (\w+)", readme, flags=re.M)
    assert targets, "the README's quick start runs no `make` command"
    for target in targets:
        assert re.search(rf"^{target}:", makefile, flags=re.M), f"README runs `make {target}`, the Makefile lacks it"
