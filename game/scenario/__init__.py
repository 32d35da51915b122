"""TOML scenario files -> a checked, compiled ``game.rules.model.Scenario``.

Authors get every mistake at once as ``file:line:col: error: message (did you
mean 'x'?)``. Saves embed the scenario's texts (``read_scenario_files``) and
load them back with ``load_scenario_files``, which hashes to the same
``Scenario.content_hash``.
"""

from .bundled import (
    UnknownScenarioError,
    bundled_dir,
    bundled_ids,
    bundled_scenarios,
    resolve_scenario,
)
from .diagnostics import Diagnostic, ScenarioError, render, render_all
from .loader import (
    Library,
    Validated,
    check_file,
    check_library_files,
    check_scenario,
    check_scenario_files,
    load_scenario,
    load_scenario_files,
    load_scenario_with_files,
    parse_scenario_file,
    validate_file,
)
from .sources import read_scenario_files
from .variants import OptionalSeatError, with_optional

__all__ = [
    "Diagnostic",
    "Library",
    "OptionalSeatError",
    "Validated",
    "ScenarioError",
    "UnknownScenarioError",
    "bundled_dir",
    "bundled_ids",
    "bundled_scenarios",
    "check_file",
    "check_library_files",
    "check_scenario",
    "check_scenario_files",
    "load_scenario",
    "load_scenario_files",
    "load_scenario_with_files",
    "parse_scenario_file",
    "read_scenario_files",
    "render",
    "render_all",
    "resolve_scenario",
    "validate_file",
    "with_optional",
]
