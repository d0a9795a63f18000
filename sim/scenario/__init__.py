"""Scenario files: the TOML format, its schema, and loading with line-numbered errors."""

from sim.scenario.load import Scenario, load_scenario
from sim.scenario.schema import ScenarioFile, scenario_json_schema

__all__ = ["Scenario", "ScenarioFile", "load_scenario", "scenario_json_schema"]
