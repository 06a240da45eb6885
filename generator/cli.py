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


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--root",
        type=Path,
        default=PROJECT_ROOT,
        help="folder holding institutions/ and opportunities/ (default: this repository)",
    )
    parser.add_argument("--today", type=_date, default=None, help="treat this date as today (YYYY-MM-DD)")
    parser.add_argument("--lang", choices=("en", "fr"), default=None, help="language of messages (default: from LANG)")


def cmd_validate(args: argparse.Namespace) -> int:
    from generator.report import REPORTERS
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

    if args.check:
        stale = [path for path, text in schema_export.rendered().items() if Path(path).read_text("utf-8") != text]
        for path in stale:
            print(f"{path} is out of date: run `wil schema` and commit the result.")
        return 1 if stale else 0
    for path in schema_export.write():
        print(f"wrote {path}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from generator.build.mkdocs_run import MkDocsError
    from generator.build.pipeline import build

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
    from generator.build.serve import serve

    return serve(args.root, args.today, args.lang or "en", args.dev_addr)


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

    schema = sub.add_parser("schema", help="regenerate schema/*.schema.json from the models")
    schema.add_argument("--check", action="store_true", help="fail if the files are out of date")
    schema.set_defaults(func=cmd_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
