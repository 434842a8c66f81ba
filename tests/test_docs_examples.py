"""The console examples of the docs run, and print what the docs show.

Every fenced block tagged ``console`` in README.md and docs/*.md is a transcript, run by
this module; blocks with any other tag (``bash``, ``text``, none) are never run.  The
convention for writing one:

- A line starting with ``$ `` is a command, run by bash from the repository root, so that
  ``examples/…``, ``tests/fixtures/…`` and ``../shared/…`` resolve; ``vbparse`` is the one
  of the interpreter running the tests.  The lines up to the next command are its output:
  standard output and standard error interleaved as on a terminal (Python runs
  unbuffered), rich drawing 80 columns wide without colour.  The commands of one block
  share one shell (``cd`` and variables carry over) with ``pipefail`` set; ``$TMPDIR`` is
  a scratch directory of the test.
- A command must exit 0, unless the next command is ``echo $?``, whose output then shows
  the code.
- A command followed by output lines must print exactly those lines, once trailing
  whitespace and the blank lines ending the output are removed.  A line that is only
  ``…`` (or ``...``) stands for one or more lines left out; an ellipsis inside a line is
  literal.  A command with no output lines under it has its output unchecked (``cd``, or
  an output shown in a block of its own).  Nothing else is normalised: an example whose
  output changes from run to run (timings, temporary paths) must leave that part out.
- HTML comments on the lines right above the fence steer the run:
  ``<!-- example: slow -->`` marks it ``slow`` (deselected by default);
  ``<!-- example: skip REASON -->`` never runs it (a record of a past run);
  ``<!-- example: session NAME -->`` first replays, unchecked, the commands of the blocks
  above it in the same file with the same session name, so that a block can continue a
  demonstration set up by an earlier one.

A block whose commands mention ``../shared`` skips when the dev corpus is not beside the
repository, and one running jq, sqlite3, dot or chromium skips when the tool is missing.
Each block is one test, named by its file and the line of its opening fence.
``test_docs_follow_the_example_convention`` fails on a ``$ `` transcript in a block not
tagged ``console`` (it would never be run) and on a misspelt or misplaced directive.
"""

from __future__ import annotations

import difflib
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DOCS = (REPO / "README.md", *sorted((REPO / "docs").glob("*.md")))
DEV_CORPUS = REPO.parent / "shared"
OPTIONAL_TOOLS = ("jq", "sqlite3", "dot", "chromium")
TIMEOUT_SECONDS = 120  # per block: the slowest takes about 10 s on a busy 2-core machine
# Variables that would make rich draw as on a terminal (colours, live lines).
TERMINAL_VARIABLES = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")

FENCE = re.compile(r"^(`{3,})\s*(\S*)")
DIRECTIVE = re.compile(r"^<!-- example: (\S+)\s*(.*?)\s*-->$")
TAKES_ARGUMENT = {"slow": False, "skip": True, "session": True}
PROMPT = "$ "
ELLIPSIS = frozenset({"…", "..."})
EXIT_CODE = "echo $?"


@dataclass(frozen=True)
class Command:
    line: int  # 1-based line of its ``$ `` line in the doc
    text: str
    shown: tuple[str, ...] = ()  # the output lines the doc shows under it


@dataclass(frozen=True)
class Example:
    doc: str  # path relative to the repository
    line: int  # 1-based line of the opening fence
    commands: tuple[Command, ...]
    directives: Mapping[str, str] = field(default_factory=dict)
    prelude: tuple[Command, ...] = ()  # replayed first: the session's earlier blocks

    @property
    def id(self) -> str:
        return f"{self.doc}:{self.line}"


@dataclass(frozen=True)
class Fenced:
    line: int  # 1-based line of the opening fence
    tag: str
    body: tuple[str, ...]
    directives: tuple[tuple[int, str, str], ...]  # (line, name, argument) above the fence


def fenced_blocks(text: str) -> list[Fenced]:
    """The fenced blocks of a markdown text, each with the directives right above it."""
    lines = text.splitlines()
    blocks: list[Fenced] = []
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        above = index
        while above > 0 and DIRECTIVE.match(lines[above - 1]):
            above -= 1
        directives = tuple(
            (number + 1, found[1], found[2])
            for number in range(above, index)
            if (found := DIRECTIVE.match(lines[number]))
        )
        end = index + 1
        while end < len(lines) and lines[end].rstrip() != opening[1]:
            end += 1
        body = tuple(lines[index + 1 : end])
        blocks.append(Fenced(index + 1, opening[2], body, directives))
        index = end + 1
    return blocks


def transcript(block: Fenced) -> tuple[list[Command], list[str]]:
    """The commands of a console block with their shown output, and its faults of form."""
    commands: list[Command] = []
    problems: list[str] = []
    for number, line in enumerate(block.body, block.line + 1):
        if line.startswith(PROMPT):
            commands.append(Command(number, line.removeprefix(PROMPT).strip()))
        elif commands:
            last = commands[-1]
            commands[-1] = Command(last.line, last.text, (*last.shown, line))
        else:
            problems.append(f"{number}: a console block starts with a '{PROMPT}' command")
    return commands, problems


def directives_of(block: Fenced) -> tuple[dict[str, str], list[str]]:
    found: dict[str, str] = {}
    problems: list[str] = []
    for line, name, argument in block.directives:
        if TAKES_ARGUMENT.get(name) != bool(argument):
            problems.append(f"{line}: unknown directive {name!r} with argument {argument!r}")
        found[name] = argument
    return found, problems


def collect(docs: Sequence[Path] = DOCS) -> tuple[list[Example], list[str]]:
    """Every console example of the docs, and every breach of the convention."""
    examples: list[Example] = []
    problems: list[str] = []
    for doc in docs:
        name = doc.relative_to(REPO).as_posix()
        text = doc.read_text(encoding="utf-8")
        blocks = fenced_blocks(text)
        placed = {line for block in blocks for line, _, _ in block.directives}
        problems += [
            f"{name}:{number}: an example directive not right above a fence"
            for number, line in enumerate(text.splitlines(), 1)
            if DIRECTIVE.match(line) and number not in placed
        ]
        sessions: dict[str, list[Command]] = {}
        for block in blocks:
            if block.tag != "console":
                problems += [
                    f"{name}:{number}: a '{PROMPT}' transcript in a block tagged "
                    f"{block.tag or 'nothing'}: tag it console"
                    for number, line in enumerate(block.body, block.line + 1)
                    if line.startswith(PROMPT)
                ]
                if block.directives:
                    problems.append(f"{name}:{block.line}: directives above a non-console block")
                continue
            directives, wrong_directives = directives_of(block)
            commands, wrong_form = transcript(block)
            problems += [f"{name}:{problem}" for problem in (*wrong_directives, *wrong_form)]
            prelude: tuple[Command, ...] = ()
            if "session" in directives:
                earlier = sessions.setdefault(directives["session"], [])
                prelude = tuple(earlier)
                earlier += commands
            examples.append(Example(name, block.line, tuple(commands), directives, prelude))
    return examples, problems


EXAMPLES, CONVENTION_PROBLEMS = collect()


def comparable(lines: Sequence[str]) -> list[str]:
    """Output lines as compared: trailing whitespace and the final blank lines removed."""
    kept = [line.rstrip() for line in lines]
    while kept and not kept[-1]:
        kept.pop()
    return kept


def matches(shown: Sequence[str], actual: Sequence[str]) -> bool:
    """Whether the output lines are those the doc shows, an ellipsis line for 1+ lines."""
    pattern = comparable(shown)
    lines = comparable(actual)

    @cache
    def matches_from(at_pattern: int, at_line: int) -> bool:
        if at_pattern == len(pattern):
            return at_line == len(lines)
        if pattern[at_pattern] in ELLIPSIS:
            return any(
                matches_from(at_pattern + 1, resume)
                for resume in range(at_line + 1, len(lines) + 1)
            )
        return (
            at_line < len(lines)
            and pattern[at_pattern] == lines[at_line]
            and matches_from(at_pattern + 1, at_line + 1)
        )

    return matches_from(0, 0)


@pytest.mark.parametrize(
    ("shown", "actual", "expected"),
    [
        (["a", "b"], ["a", "b"], True),
        (["a", "b"], ["a", "b  ", "", ""], True),  # trailing blanks, final blank lines
        (["a", "", "b"], ["a", "b"], False),  # blank lines inside count
        (["a", "b"], ["a", "b", "c"], False),  # nothing left out without an ellipsis
        (["a", "b"], ["a", " b"], False),  # leading spaces count
        (["a", "…", "d"], ["a", "b", "c", "d"], True),
        (["a", "...", "d"], ["a", "b", "d"], True),
        (["a", "…", "d"], ["a", "d"], False),  # an ellipsis leaves out at least one line
        (["…", "c"], ["a", "b", "c"], True),
        (["a", "…"], ["a", "b"], True),
        (["a", "…"], ["a"], False),
        (["a", "…", "c", "…", "e"], ["a", "c", "x", "c", "d", "e"], True),
        (["a", "…", "c"], ["a", "c", "b"], False),  # the shown last line ends the output
        (["a", "b …"], ["a", "b c"], False),  # an ellipsis inside a line is literal
    ],
)
def test_shown_output_matching(shown: list[str], actual: list[str], expected: bool) -> None:
    assert matches(shown, actual) is expected


def test_docs_follow_the_example_convention() -> None:
    assert CONVENTION_PROBLEMS == []


def test_examples_are_collected() -> None:
    docs = {example.doc for example in EXAMPLES}
    assert {"README.md", "docs/cli.md", "docs/check.md", "docs/lint.md"} <= docs
    assert all(example.commands for example in EXAMPLES)


def marks_of(example: Example) -> list[pytest.MarkDecorator]:
    marks = []
    if "skip" in example.directives:
        marks.append(pytest.mark.skip(reason=example.directives["skip"]))
    if "slow" in example.directives:
        marks.append(pytest.mark.slow)
    script = "\n".join(command.text for command in (*example.prelude, *example.commands))
    if "../shared" in script:
        absent = not DEV_CORPUS.is_dir()
        marks.append(pytest.mark.skipif(absent, reason=f"needs the dev corpus {DEV_CORPUS}"))
    for tool in OPTIONAL_TOOLS:
        if re.search(rf"(?:^|[|;&(]|\$\()\s*{tool}\b", script, re.MULTILINE):
            missing = shutil.which(tool) is None
            marks.append(pytest.mark.skipif(missing, reason=f"needs {tool}, not installed"))
    return marks


@dataclass(frozen=True)
class Ran:
    output: str  # standard output and standard error, interleaved
    exit_code: int


def run(commands: Sequence[Command], scratch: Path) -> list[Ran]:
    """Run the commands in one bash in the repository root: each one's output and code."""
    # After each command, a line only this run can print marks the end of its output and
    # carries its exit code, which ``(exit …)`` then hands on to a following ``echo $?``.
    token = secrets.token_hex(8)
    end_of_output = re.compile(rf"\x1e{token} (\d+)\n")
    steps = [
        f'{command.text}\n__code=$?; printf "\\036{token} %d\\n" $__code; (exit $__code)'
        for command in commands
    ]
    environment = {
        name: value for name, value in os.environ.items() if name not in TERMINAL_VARIABLES
    }
    environment |= {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "COLUMNS": "80",
        "PYTHONUNBUFFERED": "1",
        "PYTHONIOENCODING": "utf-8",
        "TMPDIR": str(scratch),
    }
    with subprocess.Popen(
        ["bash", "-c", "\n".join(["exec 2>&1", "set -o pipefail", *steps])],
        cwd=REPO,
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        start_new_session=True,  # a process group of its own, to stop it whole
    ) as shell:
        try:
            output, _ = shell.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(shell.pid, signal.SIGKILL)
            shell.communicate()
            pytest.fail(f"still running after {TIMEOUT_SECONDS} s", pytrace=False)
    text = output.decode("utf-8", errors="replace")
    pieces = end_of_output.split(text)  # output, code, output, code, …, after the last
    ran = [Ran(pieces[at], int(pieces[at + 1])) for at in range(0, len(pieces) - 1, 2)]
    if len(ran) != len(commands):
        pytest.fail(f"the shell stopped after {len(ran)} commands:\n{text}", pytrace=False)
    return ran


@pytest.mark.parametrize("example", [pytest.param(e, id=e.id, marks=marks_of(e)) for e in EXAMPLES])
def test_example(example: Example, tmp_path: Path) -> None:
    ran = run((*example.prelude, *example.commands), tmp_path)[len(example.prelude) :]
    followers = [command.text for command in example.commands[1:]] + [None]
    for command, result, follower in zip(example.commands, ran, followers, strict=True):
        where = f"{example.doc}:{command.line}: {PROMPT}{command.text}"
        if result.exit_code != 0 and follower != EXIT_CODE:
            pytest.fail(
                f"{where}\nexited {result.exit_code}, and the doc shows no "
                f"'{PROMPT}{EXIT_CODE}' after it:\n{result.output}",
                pytrace=False,
            )
        actual = result.output.splitlines()
        if command.shown and not matches(command.shown, actual):
            diff = difflib.unified_diff(
                comparable(command.shown), comparable(actual), "doc", "run", lineterm=""
            )
            report = "\n".join(diff)
            pytest.fail(f"{where}\nprints other lines than the doc:\n{report}", pytrace=False)
