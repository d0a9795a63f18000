"""Laws of CommandLineToArgvW and %-expansion."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.shell import command_line_to_argv, expand_command, quote_argument

pytestmark = pytest.mark.property

args = st.text(st.sampled_from(list('ab \t"\\\\x\'%é')), max_size=8)
program = st.text(st.sampled_from(list("abc\\:. ")), min_size=1, max_size=8).filter(
    lambda p: '"' not in p
)


@given(program, st.lists(args, max_size=6))
def test_quoted_arguments_split_back_to_themselves(prog: str, arguments: list[str]) -> None:
    """Any arguments quoted by the documented rules split back to the same list."""
    line = f'"{prog}"' + "".join(" " + quote_argument(a) for a in arguments)
    assert command_line_to_argv(line) == [prog, *arguments]


@given(st.text(max_size=30))
def test_argv_never_raises_and_has_a_program(line: str) -> None:
    """CommandLineToArgvW answers every line with at least argv[0]."""
    assert len(command_line_to_argv(line, module_path="m")) >= 1


@given(st.text(max_size=30), st.text(max_size=10), st.text(max_size=20))
def test_expansion_without_percent_is_the_identity(template: str, target: str, params: str) -> None:
    """A template without '%' expands to itself; nothing is appended."""
    template = template.replace("%", "")
    assert expand_command(template, target, params) == template
