"""The `wil` command: one entry point, a subcommand per job."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from generator.messages import current_language
from generator.paths import PROJECT_ROOT


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2027-01-15") from None


def _default_root() -> Path:
    """The data checkout you are in, else the one this package was installed from."""
    here = Path.cwd()
    return here if (here / "institutions").is_dir() or (here / "opportunities").is_dir() else PROJECT_ROOT


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--root",
        type=Path,
        default=_default_root(),
        help="folder holding institutions/ and opportunities/ (default: the current one if it has them)",
    )
    parser.add_argument("--today", type=_date, default=None, help="treat this date as today (YYYY-MM-DD)")
    parser.add_argument("--lang", choices=("en", "fr"), default=None, help="language of messages (default: from LANG)")


def cmd_validate(args: argparse.Namespace) -> int:
    from generator.reporters import REPORTERS
    from generator.validate.region import select, validate_region

    lang = current_language(args.lang)
    region = validate_region(args.root, today=args.today)
    problems = select(region, args.paths) if args.paths else region.problems
    if args.errors_only:
        problems = [p for p in problems if p.is_error]
    files = len(region.files)
    sys.stdout.write(REPORTERS[args.format](problems, files, lang))
    return 1 if any(p.is_error for p in problems) else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from generator import schema_export

    results = [_generated(args.check, Path(path), text, "schema") for path, text in schema_export.rendered().items()]
    return max(results)


def cmd_build(args: argparse.Namespace) -> int:
    from generator.publish.mkdocs_run import MkDocsError
    from generator.publish.pipeline import build

    today = args.today or dt.date.today()
    out = args.out or args.root / "site"
    try:
        result = build(args.root, out, today, strict=args.strict, site_url=args.site_url)
    except MkDocsError as exc:
        print(exc, file=sys.stderr)
        print("The build failed; the previous site (if any) was left untouched.", file=sys.stderr)
        return 2
    if result.site is None:
        print("--strict: the data has errors (above); the site was not built.", file=sys.stderr)
        return 1
    print(f"Site written to {result.site} (English at /, French at /fr/).", file=sys.stderr)
    return 1 if args.strict and result.has_errors else 0


def cmd_serve(args: argparse.Namespace) -> int:
    from generator.publish.serve import serve

    return serve(args.root, args.today, args.lang or "en", args.dev_addr)


def cmd_new(args: argparse.Namespace) -> int:
    from generator.contribute.scaffold import scaffold

    try:
        path = scaffold(args.root, args.institution, args.title, args.today or dt.date.today())
    except ValueError as exc:
        print(f"wil new: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {path}; fill it in, then run `wil validate {path}`")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from generator.contribute.spreadsheet import import_csv

    try:
        report = import_csv(args.csv, args.institution, args.root, args.today or dt.date.today(), args.dry_run)
    except (OSError, ValueError) as exc:
        print(f"wil import: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(report.text())
    return 0 if report.ok else 1


def cmd_from_issue(args: argparse.Namespace) -> int:
    from generator.contribute.issue_form import from_issue

    body = sys.stdin.read() if str(args.body) == "-" else Path(args.body).read_text("utf-8", errors="replace")
    result = from_issue(body, args.root, args.today or dt.date.today(), write=not args.dry_run)
    if result.errors:
        print("The submission cannot be turned into a file:", file=sys.stderr)
        for error in result.errors:
            print(f"- {error}", file=sys.stderr)
        return 1
    assert result.path is not None
    print(result.path.relative_to(args.root))
    return 0


def _generated(check: bool, target: Path, text: str, command: str) -> int:
    """Write a generated file when its text changed, or with `check`, fail if it is stale."""
    from generator.files import write_if_changed

    state = write_if_changed(target, text, dry_run=check)
    if state != "unchanged" and check:
        print(f"{target} is out of date: run `wil {command}` and commit the result.", file=sys.stderr)
        return 1
    if state != "unchanged":
        print(f"wrote {target}")
    return 0


def cmd_codeowners(args: argparse.Namespace) -> int:
    from generator.contribute.codeowners import CODEOWNERS_PATH, render

    try:
        text = render(args.root)
    except ValueError as exc:
        print(f"wil codeowners: {exc}", file=sys.stderr)
        return 1
    return _generated(args.check, args.root / CODEOWNERS_PATH, text, "codeowners")


def cmd_issue_form(args: argparse.Namespace) -> int:
    from generator.contribute.issue_form import FORM_PATH, form
    from generator.contribute.records import known_institutions

    return _generated(args.check, args.root / FORM_PATH, form(known_institutions(args.root)), "issue-form")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wil", description="Regional directory of work-integrated learning.")
    sub = parser.add_subparsers(dest="command", required=True)

    validate = sub.add_parser("validate", help="check data files and explain every problem")
    _common(validate)
    validate.add_argument(
        "paths", nargs="*", help="only report on these files or folders (cross-file rules still use all data)"
    )
    validate.add_argument("--format", choices=("text", "github", "json", "markdown"), default="text")
    validate.add_argument("--errors-only", action="store_true", help="hide warnings")
    validate.set_defaults(func=cmd_validate)

    build = sub.add_parser("build", help="build the bilingual site into site/ (the main job)")
    _common(build)
    build.add_argument("--out", type=Path, default=None, help="output folder (default: <root>/site)")
    build.add_argument(
        "--strict", action="store_true", help="fail on any invalid file or MkDocs warning (pull requests)"
    )
    build.add_argument(
        "--site-url", default=None, help="public address of the site, for canonical links and the sitemap"
    )
    build.set_defaults(func=cmd_build)

    serve = sub.add_parser("serve", help="preview the site with live reload while you edit data files")
    _common(serve)
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    serve.set_defaults(func=cmd_serve)

    new = sub.add_parser("new", help="write a commented, valid opportunity file to fill in")
    _common(new)
    new.add_argument("institution", help="institution id, e.g. ucalgary")
    new.add_argument("--title", default=None, help="a working title; the file name is made from it")
    new.set_defaults(func=cmd_new)

    imp = sub.add_parser("import", help="create or update one file per row of a CSV export")
    _common(imp)
    imp.add_argument("csv", type=Path, help="the CSV file (English or French headers; comma or semicolon)")
    imp.add_argument("--institution", required=True, help="the institution whose folder receives the files")
    imp.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
    imp.set_defaults(func=cmd_import)

    issue = sub.add_parser("from-issue", help="turn a submitted issue form into an opportunity file")
    _common(issue)
    issue.add_argument("body", help="file holding the issue body, or - for standard input")
    issue.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    issue.set_defaults(func=cmd_from_issue)

    owners = sub.add_parser("codeowners", help="regenerate .github/CODEOWNERS from institutions' maintainers")
    _common(owners)
    owners.add_argument("--check", action="store_true", help="fail if the file is out of date")
    owners.set_defaults(func=cmd_codeowners)

    form = sub.add_parser("issue-form", help="regenerate the issue form for no-git submissions")
    _common(form)
    form.add_argument("--check", action="store_true", help="fail if the file is out of date")
    form.set_defaults(func=cmd_issue_form)

    schema = sub.add_parser("schema", help="regenerate schema/*.schema.json from the models")
    schema.add_argument("--check", action="store_true", help="fail if the files are out of date")
    schema.set_defaults(func=cmd_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
