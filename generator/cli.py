"""The `wil` command: one entry point, a subcommand per job.

Every word it prints comes from the catalogues, in the language of `--lang`
or of the environment (LANG), argparse's own words included; every way in
(validate, import, from-issue, new, codeowners) reports problems through
the same reporters (`--format text|github|json|markdown`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from generator import escape
from generator.clock import resolve_today
from generator.i18n import Msg, language_from_environment, msg, t, template
from generator.layout import LANGUAGES, prefix
from generator.problems import Problem
from generator.publish.engine import ENGINES

FORMATS = ("text", "github", "json", "markdown")

# argparse's English messages -> our catalogue (argparse asks gettext for them).
_ARGPARSE = {
    "usage: ": "argparse.usage",
    "positional arguments": "argparse.positional",
    "options": "argparse.options",
    "show this help message and exit": "argparse.help",
    "%(prog)s: error: %(message)s\n": "argparse.error",
    "the following arguments are required: %s": "argparse.required",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.invalid-choice",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "expected one argument": "argparse.expected-one",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
    "invalid %(type)s value: %(value)r": "argparse.invalid-value",
}


def _speak_argparse(lang: str) -> None:
    """argparse calls gettext for its own words; answer from our catalogue."""

    def translate(text: str) -> str:
        key = _ARGPARSE.get(text)
        return template(key, lang) if key else text

    argparse._ = translate  # type: ignore[attr-defined]


def _language(argv: Sequence[str]) -> str:
    """`--lang` before argparse runs, so that argparse's own messages are in it too."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return language_from_environment(argv[i + 1])
        if arg.startswith("--lang="):
            return language_from_environment(arg.split("=", 1)[1])
    return language_from_environment(None)


def _say(message: Msg, lang: str, *, error: bool = False) -> None:
    print(message.render(lang), file=sys.stderr if error else sys.stdout)


def _report(problems: Sequence[Problem], summary: Msg, args: argparse.Namespace) -> None:
    from generator.reporters import REPORTERS

    sys.stdout.write(REPORTERS[args.format](sorted(problems, key=Problem.sort_key), summary, args.lang))


# --- commands ------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    from generator.reporters import files_summary
    from generator.validate.region import select, validate_region

    region = validate_region(args.root, today=resolve_today(args.today))
    problems = select(region, args.paths) if args.paths else region.problems
    if args.errors_only:
        problems = [p for p in problems if p.is_error]
    _report(problems, files_summary(problems, len(region.files)), args)
    return 1 if any(p.is_error for p in problems) else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from generator import schema_export

    results = [_generated(args, Path(path), text, "schema") for path, text in schema_export.rendered(args.root).items()]
    return max(results)


def cmd_build(args: argparse.Namespace) -> int:
    from generator.progress import for_terminal
    from generator.publish.pipeline import build
    from generator.publish.report import summary
    from generator.publish.tools import ToolError

    out = args.out or args.root / "site"
    progress = for_terminal(args.lang)
    try:
        result = build(
            args.root,
            out,
            resolve_today(args.today),
            strict=args.strict,
            site_url=args.site_url,
            progress=progress,
            use_cache=not args.no_cache,
            engine=args.engine,
        )
    except ToolError as exc:
        progress.close()
        _say(msg("cli.tool-failed", tool=exc.tool), args.lang, error=True)
        for line in exc.output.splitlines():  # indented: no line of a tool's output can pass for a CI command
            print(f"  {escape.terminal(line)}", file=sys.stderr)
        return 2
    progress.close()
    print(summary(result.report, result.timings, args.lang), file=sys.stderr)
    if result.site is None:
        _say(msg("cli.strict-refused"), args.lang, error=True)
        return 1
    _say(msg("cli.site-written", path=str(result.site)), args.lang, error=True)
    for lang in LANGUAGES:
        line = msg("cli.site-language", language=msg("language.autonym"), path="/" + prefix(lang)).render(lang)
        print(f"  {line}", file=sys.stderr)
    return 1 if args.strict and result.has_errors else 0


def cmd_rollback(args: argparse.Namespace) -> int:
    from generator.publish.release import Release

    out = args.out or args.root / "site"
    version = Release(out.parent.resolve() / out.name).rollback()
    if version is None:
        _say(msg("cli.no-previous-version", path=str(out)), args.lang, error=True)
        return 1
    _say(msg("cli.rolled-back", path=str(out), version=version.name), args.lang, error=True)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from generator.publish.serve import serve

    return serve(args.root, args.today, args.lang, args.dev_addr)


def cmd_new(args: argparse.Namespace) -> int:
    from generator.contribute.scaffold import scaffold

    path, problems = scaffold(args.root, args.institution, args.title, resolve_today(args.today), args.lang)
    if path is None:
        _report(problems, msg("cli.new.refused"), args)
        return 1
    rel = path.relative_to(args.root).as_posix()
    _say(msg("cli.new-written", path=rel), args.lang)
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from generator.contribute.review import review

    problems = review(
        args.root,
        resolve_today(args.today),
        args.lang,
        args.institution,
        sys.stdin,
        lambda line: print(line, flush=True),
    )
    if problems:
        _report(problems, msg("cli.review.problems"), args)
        return 1
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from generator.contribute.spreadsheet import import_csv

    report = import_csv(args.csv, args.institution, args.root, resolve_today(args.today), args.dry_run)
    _report(report.problems, report.summary(), args)
    return 0 if report.ok else 1


def cmd_from_issue(args: argparse.Namespace) -> int:
    from generator.contribute.issue_form import MAX_BODY, from_issue
    from generator.contribute.proposal import from_proposal
    from generator.load.yamlstrict import read_regular
    from generator.problems import problem

    if str(args.body) == "-":
        body, name = sys.stdin.read(MAX_BODY + 1), "issue"
    else:
        name = Path(args.body).name
        raw = read_regular(Path(args.body), MAX_BODY + 1)  # never a folder or a FIFO; larger is refused below
        if isinstance(raw, str):
            refused = [problem(name, (1, 1), "input-not-a-file" if raw != "file-too-large" else "form-too-large",
                               {"value": name, "limit": MAX_BODY // 1024}, where="form")]  # fmt: skip
            _report(refused, msg("cli.from-issue.refused"), args)
            return 1
        body = raw.decode("utf-8", errors="replace")
    convert = from_proposal if args.form == "project" else from_issue
    result = convert(body, args.root, resolve_today(args.today), write=not args.dry_run, name=name)
    if not result.ok or result.path is None:
        _report(result.problems, msg("cli.from-issue.refused"), args)
        return 1
    print(result.path.relative_to(args.root).as_posix())
    return 0


def cmd_comment(args: argparse.Namespace) -> int:
    from generator.contribute.comment import comment, reviewed_comment
    from generator.contribute.issue_form import MAX_BODY
    from generator.load.yamlstrict import read_regular

    if args.reviewed:
        sys.stdout.write(reviewed_comment(args.log_url))
        return 0
    raw = read_regular(Path(args.report), 4 * MAX_BODY) if args.report else b""
    report = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else ""
    sys.stdout.write(comment(report, args.log_url))
    return 0


def _generated(args: argparse.Namespace, target: Path, text: str, command: str) -> int:
    """Write a generated file when its text changed, or with `--check`, fail if it is stale."""
    from generator.files import NotAFileError, write_if_changed

    try:
        state = write_if_changed(target, text, dry_run=args.check)
    except NotAFileError:
        _say(msg("cli.generated-not-a-file", path=str(target)), args.lang, error=True)
        return 1
    if state != "unchanged" and args.check:
        _say(msg("cli.generated-stale", path=str(target), command=command), args.lang, error=True)
        return 1
    if state != "unchanged":
        _say(msg("cli.generated-wrote", path=str(target)), args.lang)
    return 0


def cmd_codeowners(args: argparse.Namespace) -> int:
    from generator.contribute.codeowners import CODEOWNERS_PATH, render

    text, problems = render(args.root)
    if problems:
        _report(problems, msg("cli.codeowners.refused"), args)
        return 1
    return _generated(args, args.root / CODEOWNERS_PATH, text, "codeowners")


def cmd_issue_form(args: argparse.Namespace) -> int:
    from generator.contribute.issue_form import OPPORTUNITY_FORM, form
    from generator.contribute.proposal import PROPOSAL_FORM
    from generator.contribute.records import known_institutions

    institutions = known_institutions(args.root)
    states = [
        _generated(args, args.root / spec.path, form(institutions, spec), "issue-form")
        for spec in (OPPORTUNITY_FORM, PROPOSAL_FORM)
    ]
    return max(states)


# --- the parser -------------------------------------------------------------------


def build_parser(lang: str) -> argparse.ArgumentParser:
    _speak_argparse(lang)

    def h(key: str) -> str:
        return t(f"cli.help.{key}", lang).replace("%", "%%")  # argparse formats help with %

    def m(key: str) -> str:
        return t(f"cli.metavar.{key}", lang)

    def date(text: str) -> dt.date:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise argparse.ArgumentTypeError(t("cli.not-a-date", lang, value=text[:40])) from None

    parser = argparse.ArgumentParser(prog="wil", description=t("cli.description", lang))
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, func: object, *, root: bool = True, report: bool = False) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=h(name), description=h(name))
        if root:
            p.add_argument("--root", type=Path, default=Path.cwd(), help=h("root"), metavar=m("folder"))
            p.add_argument("--today", type=date, default=None, help=h("today"), metavar=m("date"))
        p.add_argument("--lang", choices=LANGUAGES, default=lang, help=h("lang"))
        if report:
            p.add_argument("--format", choices=FORMATS, default="text", help=h("format"))
        p.set_defaults(func=func)
        return p

    validate = command("validate", cmd_validate, report=True)
    validate.add_argument("paths", nargs="*", help=h("paths"), metavar=m("path"))
    validate.add_argument("--errors-only", action="store_true", help=h("errors-only"))

    build = command("build", cmd_build)
    build.add_argument("--out", type=Path, default=None, help=h("out"), metavar=m("folder"))
    build.add_argument("--strict", action="store_true", help=h("strict"))
    build.add_argument("--site-url", default=None, help=h("site-url"), metavar=m("url"))
    build.add_argument("--no-cache", action="store_true", help=h("no-cache"))
    build.add_argument("--engine", choices=sorted(ENGINES), default=None, help=h("engine"))

    rollback = command("rollback", cmd_rollback)
    rollback.add_argument("--out", type=Path, default=None, help=h("out"), metavar=m("folder"))

    serve = command("serve", cmd_serve)
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help=h("dev-addr"), metavar=m("address"))

    new = command("new", cmd_new, report=True)
    new.add_argument("institution", help=h("institution-id"), metavar=m("institution"))
    new.add_argument("--title", default=None, help=h("title"), metavar=m("title"))

    rev = command("review", cmd_review, report=True)
    rev.add_argument("--institution", default=None, help=h("review-institution"), metavar=m("institution"))

    imp = command("import", cmd_import, report=True)
    imp.add_argument("csv", type=Path, help=h("csv"), metavar=m("file"))
    imp.add_argument("--institution", required=True, help=h("institution"), metavar=m("institution"))
    imp.add_argument("--dry-run", action="store_true", help=h("dry-run"))

    issue = command("from-issue", cmd_from_issue, report=True)
    issue.add_argument("body", help=h("body"), metavar=m("file"))
    issue.add_argument("--dry-run", action="store_true", help=h("dry-run"))
    issue.add_argument("--form", choices=("opportunity", "project"), default="opportunity", help=h("form"))

    owners = command("codeowners", cmd_codeowners, report=True)
    owners.add_argument("--check", action="store_true", help=h("check"))

    quoted = command("comment", cmd_comment, root=False)
    quoted.add_argument("report", nargs="?", help=h("report"), metavar=m("file"))
    quoted.add_argument("--log-url", required=True, help=h("log-url"))
    quoted.add_argument("--reviewed", action="store_true", help=h("reviewed"))

    form = command("issue-form", cmd_issue_form)
    form.add_argument("--check", action="store_true", help=h("check"))

    schema = command("schema", cmd_schema)
    schema.add_argument("--check", action="store_true", help=h("check"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(_language(argv)).parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
