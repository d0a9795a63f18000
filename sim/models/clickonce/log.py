"""The ClickOnce log dfshim writes, and that "Details..." opens, laid out as Windows does.

Rule (kb-2647493): the sections in order are PLATFORM
VERSION INFO, SOURCES, IDENTITIES, APPLICATION SUMMARY, ERROR SUMMARY, COMPONENT STORE
TRANSACTION FAILURE SUMMARY, WARNINGS, OPERATION PROGRESS STATUS and ERROR DETAILS,
with the sentences the facts quote. Deterministic: no timestamps (the real log's
``[date time]`` stamps are written ``[time]``), and the platform versions are the
simulated machine's, not a real build's [inf].
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["ClickOnceLog", "Failure"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Failure:
    """An exception ClickOnce logs: its type and kind, and its messages in order."""

    exception: str  # e.g. InvalidDeploymentException
    kind: str | None  # e.g. Zone, ManifestParse
    messages: tuple[str, ...]

    @property
    def summary(self) -> str:
        """The messages as one line, as the trace's error gives them."""
        return " ".join(self.messages)


@dataclass(slots=True, kw_only=True)
class ClickOnceLog:
    """A log being written during one activation."""

    activation: str  # what ShOpenVerbApplication was given (a path or a URL)
    os: str
    sources: list[tuple[str, str]] = field(default_factory=list)
    identities: list[tuple[str, str]] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    progress: list[str] = field(default_factory=list)

    def source(self, label: str, url: str) -> None:
        """Record a URL used: Deployment url, Deployment Provider url, Application url."""
        if (label, url) not in self.sources:
            self.sources.append((label, url))

    def identity(self, label: str, display: str) -> None:
        """Record an identity: Deployment Identity, Application Identity."""
        if (label, display) not in self.identities:
            self.identities.append((label, display))

    def render(self, failure: Failure | None) -> str:
        """The log text (the Rule), with ``failure`` in ERROR SUMMARY and ERROR DETAILS."""
        out = ["PLATFORM VERSION INFO",
               f"\tWindows \t\t\t: {self.os} (simulated)",
               "\tCommon Language Runtime \t: 4.0.30319 (simulated)",
               "\tSystem.Deployment.dll \t\t: 4.8 (simulated)",
               "\tclr.dll \t\t\t: 4.8 (simulated)",
               "\tdfdll.dll \t\t\t: 4.8 (simulated)",
               "\tdfshim.dll \t\t\t: 4.0.41209.0 (simulated)",
               "", "SOURCES"]
        out += [f"\t{label}\t\t: {url}" for label, url in self.sources]
        out += ["", "IDENTITIES"]
        out += [f"\t{label}\t\t: {display}" for label, display in self.identities]
        out += ["", "APPLICATION SUMMARY"]
        out += [f"\t* {line}" for line in self.summary]
        out += ["", "ERROR SUMMARY"]
        if failure is None:
            out.append("\tNo errors were detected during this operation.")
        else:
            out += ["\tBelow is a summary of the errors, details of these errors are listed "
                    "later in the log.",
                    f"\t* Activation of {self.activation} resulted in exception. Following "
                    "failure messages were detected:"]
            out += [f"\t\t+ {message}" for message in failure.messages]
        out += ["", "COMPONENT STORE TRANSACTION FAILURE SUMMARY",
                "\tNo transaction error was detected.", "", "WARNINGS"]
        out += ([f"\t* {w}" for w in self.warnings] if self.warnings
                else ["\tThere were no warnings during this operation."])
        out += ["", "OPERATION PROGRESS STATUS",
                f"\t* [time] : Activation of {self.activation} has started."]
        out += [f"\t* [time] : {line}" for line in self.progress]
        out += ["", "ERROR DETAILS"]
        if failure is None:
            out.append("\tNo errors were detected during this operation.")
        else:
            kind = f" ({failure.kind})" if failure.kind else ""
            out += ["\tFollowing errors were detected during this operation.",
                    f"\t* [time] System.Deployment.Application.{failure.exception}{kind}"]
            out += [f"\t\t- {message}" for message in failure.messages]
            out += ["\t\t- Source: System.Deployment"]
        return "\n".join(out) + "\n"
