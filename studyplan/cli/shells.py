"""Shell completion: the protocol the scripts speak, the scripts, and installing them.

A shell asks by running studyplan with ``_STUDYPLAN_COMPLETE`` set (the root command's
``StudyplanGroup`` hands it here before anything else runs):

* ``bash_complete`` / ``zsh_complete`` / ``fish_complete``: Click's protocol, which the
  scripts below speak. The words typed so far come in ``COMP_WORDS`` and the index (bash,
  zsh) or the raw text (fish) of the word being completed in ``COMP_CWORD``. The answer is
  one candidate a line, ``plain,VALUE`` or ``file,`` (the shell completes file names);
  zsh gets ``type``, ``value`` and ``help`` on three lines.
* ``complete_bash`` / ``complete_zsh`` / ``complete_fish``: typer's older protocol, which
  scripts installed by earlier versions speak; answered with the same candidates.
* ``bash_source`` (or ``source_bash``) …: the script itself, as ``studyplan completion SHELL``
  prints it.

Quoting: zsh's ``compadd`` and fish quote a candidate themselves; for bash the value is
quoted here, for the quote the user opened (none, ``'`` or ``"``), so ``Area under the ROC
curve (AUC)`` arrives as one word.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from studyplan.errors import UsageError
from studyplan.locale import catalog, msg, t

SHELLS = ("bash", "zsh", "fish")

BASH_SCRIPT = r"""# studyplan completion for bash (`studyplan completion bash`)
_%(func)s() {
    local response line type value
    response=$(env COMP_WORDS="${COMP_WORDS[*]}" COMP_CWORD="$COMP_CWORD" %(var)s=bash_complete "$1" 2>/dev/null)
    COMPREPLY=()
    while IFS= read -r line; do
        type=${line%%%%,*}
        value=${line#*,}
        if [[ $type == file ]]; then
            COMPREPLY=()
            compopt -o default 2>/dev/null
            return 0
        elif [[ $type == plain ]]; then
            COMPREPLY+=("$value")
        fi
    done <<< "$response"
    return 0
}
complete -o nosort -F _%(func)s %(prog)s 2>/dev/null || complete -F _%(func)s %(prog)s
"""

ZSH_SCRIPT = r"""#compdef %(prog)s
# studyplan completion for zsh (`studyplan completion zsh`): put it on $fpath as _%(prog)s,
# or source it after compinit
_%(func)s() {
    local -a response completions described
    local type key descr
    response=("${(@f)$(env COMP_WORDS="${words[*]}" COMP_CWORD=$((CURRENT-1)) %(var)s=zsh_complete %(prog)s 2>/dev/null)}")
    for type key descr in "${response[@]}"; do
        if [[ $type == plain ]]; then
            if [[ $descr == _ ]]; then
                completions+=("$key")
            else
                described+=("${key//:/\\:}:$descr")
            fi
        elif [[ $type == file ]]; then
            _path_files -f
        fi
    done
    (( ${#described} )) && _describe -V unsorted described -U
    (( ${#completions} )) && compadd -U -V unsorted -a completions
    return 0
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    _%(func)s "$@"
else
    compdef _%(func)s %(prog)s
fi
"""

FISH_SCRIPT = r"""# studyplan completion for fish (`studyplan completion fish`)
function _%(func)s
    set -l response (env %(var)s=fish_complete COMP_WORDS=(commandline -cp) COMP_CWORD=(commandline -t) %(prog)s 2>/dev/null)
    for completion in $response
        set -l metadata (string split -m 1 "," -- $completion)
        if test "$metadata[1]" = file
            __fish_complete_path (commandline -t)
        else if test "$metadata[1]" = plain
            echo $metadata[2]
        end
    end
end
complete --no-files --command %(prog)s --arguments "(_%(func)s)"
"""

SCRIPTS = {"bash": BASH_SCRIPT, "zsh": ZSH_SCRIPT, "fish": FISH_SCRIPT}


def script(shell: str, prog: str = "studyplan") -> str:
    func = re.sub(r"\W", "", prog.replace("-", "_"), flags=re.ASCII) + "_completion"
    var = "_" + re.sub(r"\W", "", prog.replace("-", "_"), flags=re.ASCII).upper() + "_COMPLETE"
    return SCRIPTS[shell] % {"func": func, "var": var, "prog": prog}


# -- answering a request ---------------------------------------------------------------------


def handle(cli: Any, ctx_args: Any, prog_name: str, instruction: str) -> int:
    """Answer one request of the shell (see the module's docstring); the exit status."""
    first, _, second = instruction.partition("_")
    if first in SHELLS:
        shell, action, legacy = first, second, False
    elif second in SHELLS:
        shell, action, legacy = second, first, True
    else:
        print(f"studyplan: unknown completion request '{instruction}'; try `studyplan completion bash`", file=sys.stderr)
        return 1
    if action == "source":
        sys.stdout.write(script(shell, prog_name))
        return 0
    if action != "complete":
        print(f"studyplan: unknown completion request '{instruction}'", file=sys.stderr)
        return 1
    env = os.environ
    if legacy and shell != "bash":  # typer's zsh and fish scripts: the line so far in one variable
        line = env.get("_TYPER_COMPLETE_ARGS", "")
        words = _words(line)
        args = [w for w, _ in words[1:]]
        current = ("", "")
        if args and not line.endswith(" "):
            current = words[-1]
            args = args[:-1]
    elif shell == "fish":
        args = [w for w, _ in _words(env.get("COMP_WORDS", ""))[1:]]
        raw = env.get("COMP_CWORD", "")
        current = _words(raw)[0] if raw.strip() else ("", "")
        if current[0] and args and args[-1] == current[0]:
            args.pop()
    else:
        words = _words(env.get("COMP_WORDS", ""))
        try:
            cword = int(env.get("COMP_CWORD", "0"))
        except ValueError:
            cword = len(words)
        args = [w for w, _ in words[1:cword]]
        current = words[cword] if 0 <= cword < len(words) else ("", "")
    kind, items = candidates(cli, ctx_args, prog_name, args, current[0])
    sys.stdout.write(_reply(shell, legacy, kind, items, current[1]))
    if legacy and shell == "fish" and env.get("_TYPER_COMPLETE_FISH_ACTION") == "is-args":
        return 0 if items else 1
    return 0


def candidates(cli: Any, ctx_args: Any, prog_name: str, args: list[str], incomplete: str) -> tuple[str, list[tuple[str, str | None]]]:
    """``(kind, [(value, help)])`` for the word being completed after ``args``."""
    # Click's own resolution of a command line (typer vendors Click: its private module, as
    # typer's completion uses it): the context of the innermost command, and what is completed.
    from typer._click.shell_completion import _resolve_context, _resolve_incomplete

    from studyplan.cli.completion import complete_parameter

    try:
        ctx = _resolve_context(cli, dict(ctx_args), prog_name, list(args))
        obj, incomplete = _resolve_incomplete(ctx, list(args), incomplete)
        if hasattr(obj, "param_type_name"):  # an option's value or an argument
            kind, values = complete_parameter(ctx, obj, incomplete)
            return kind, [(v, None) for v in values]
        return "plain", [(item.value, item.help) for item in obj.shell_complete(ctx, incomplete)]
    except Exception:  # noqa: BLE001 - completion never fails loudly
        if os.environ.get("STUDYPLAN_DEBUG"):
            raise
        return "plain", []


def _reply(shell: str, legacy: bool, kind: str, items: list[tuple[str, str | None]], quote: str) -> str:
    if legacy:
        if shell == "zsh":
            if kind == "file":
                return "_files\n"
            if not items:
                return "\n"
            quoted = "\n".join(f'"{_zsh_legacy(v)}"' + (f':"{_zsh_legacy(_one_line(h))}"' if h else "") for v, h in items)
            return f"_arguments '*: :(({quoted}))'\n"
        values = [bash_word(v, quote) if shell == "bash" else v for v, _ in items]
        return "".join(v + "\n" for v in values) if kind != "file" else ""
    if kind == "file":
        return "file,\n" if shell != "zsh" else "file\n\n_\n"
    if shell == "bash":
        return "".join(f"plain,{bash_word(v, quote)}\n" for v, _ in items)
    if shell == "zsh":
        return "".join(f"plain\n{v}\n{_one_line(h) if h else '_'}\n" for v, h in items)
    return "".join(f"plain,{v}" + (f"\t{_one_line(h)}" if h else "") + "\n" for v, h in items)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _zsh_legacy(s: str) -> str:  # typer's own escaping for its _arguments line
    return s.replace('"', '""').replace("'", "''").replace("$", "\\$").replace("`", "\\`").replace(":", r"\\:")


# Characters bash would split a word on or expand, outside quotes.
_BASH_SPECIAL = frozenset(" \t\n'\"\\$`!&;|<>()[]{}*?#~=:,^%")


def bash_word(value: str, quote: str = "") -> str:
    """``value`` as bash should insert it after what the user typed: inside the quote they
    opened, or escaped with backslashes when they opened none."""
    if quote == '"':
        return re.sub(r'([\\"$`!])', r"\\\1", value)
    if quote == "'":
        return value.replace("'", "'\\''")
    return "".join("\\" + ch if ch in _BASH_SPECIAL else ch for ch in value)


def _words(line: str) -> list[tuple[str, str]]:
    """``line`` split as a shell splits words: each word unquoted, with the quote it was
    opened with when it is still open at the end (the word being typed)."""
    words: list[tuple[str, str]] = []
    word: list[str] = []
    started = False
    quote = ""
    i = 0
    while i < len(line):
        ch = line[i]
        if quote:
            if ch == quote:
                quote = ""
            elif ch == "\\" and quote == '"' and i + 1 < len(line) and line[i + 1] in '\\"$`':
                i += 1
                word.append(line[i])
            else:
                word.append(ch)
        elif ch in "'\"":
            quote, started = ch, True
        elif ch == "\\":
            started = True
            if i + 1 < len(line):
                i += 1
                word.append(line[i])
        elif ch in " \t\n":
            if started:
                words.append(("".join(word), ""))
                word, started = [], False
        else:
            word.append(ch)
            started = True
        i += 1
    if started:
        words.append(("".join(word), quote))
    return words


# -- printing and installing the scripts -------------------------------------------------------


def detect_shell(env: dict[str, str] | None = None) -> str | None:
    env = os.environ if env is None else env
    name = os.path.basename(env.get("SHELL", ""))
    if name not in SHELLS:
        try:
            import shellingham  # typer's dependency: the shell this process runs under

            name = shellingham.detect_shell()[0]
        except Exception:  # noqa: BLE001
            return None
    return name if name in SHELLS else None


ZSH_LINE = "[[ -r {path} ]] && (( $+functions[compdef] )) && source {path}  # studyplan completion"


def install(shell: str, prog: str = "studyplan", home: Path | None = None, env: dict[str, str] | None = None) -> tuple[Path, Any]:
    """Write the script where ``shell`` finds it; the file, and a hint when more is needed.

    Nothing global is changed: bash gets one line in ~/.bashrc that sources studyplan's own
    file (the place earlier versions used, so their line keeps working), zsh one guarded line
    in ~/.zshrc that sources it once compinit has run (compinit and menu styles are the
    user's choice, never added), fish nothing (it loads its completions folder itself)."""
    from studyplan.fileio import atomic_write_text

    env = os.environ if env is None else env
    home = home or Path(env.get("HOME") or Path.home())
    text = script(shell, prog)
    hint = None
    if shell == "bash":
        path = home / ".bash_completions" / f"{prog}.sh"
        _add_line(home / ".bashrc", f"source '{path}'")
    elif shell == "zsh":
        path = home / ".zfunc" / f"_{prog}"
        rc = home / ".zshrc"
        _add_line(rc, ZSH_LINE.format(path=path))
        rc_text = rc.read_text(encoding="utf-8", errors="replace")
        if "compinit" not in rc_text and "oh-my-zsh" not in rc_text and "prezto" not in rc_text:
            hint = msg("it loads once zsh's completion system is on: add `autoload -Uz compinit && compinit` to ~/.zshrc above that line")
    else:
        base = env.get("XDG_CONFIG_HOME", "")
        path = Path(base if base.startswith("/") else home / ".config") / "fish" / "completions" / f"{prog}.fish"
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, text)
    return path, hint


def _add_line(rc: Path, line: str) -> None:
    """``line`` at the end of the shell's startup file, unless it is there already (appended:
    the rest of the file, a symlink to dotfiles included, stays as it is)."""
    current = rc.read_text(encoding="utf-8", errors="surrogateescape") if rc.is_file() else ""
    if line in current:
        return
    sep = "" if not current or current.endswith("\n") else "\n"
    with rc.open("a", encoding="utf-8") as fh:
        fh.write(f"{sep}{line}\n")


def _shell_or_error(shell: str | None) -> str:
    if shell is None:
        raise UsageError(msg("cannot tell which shell this is; name it: `studyplan completion bash`, `zsh` or `fish`"))
    if shell not in SHELLS:
        raise UsageError(msg("completion for '{shell}' is not available; use bash, zsh or fish", shell=shell))
    return shell


def completion(
    ctx: typer.Context,
    shell: Annotated[Optional[str], typer.Argument(metavar="SHELL", help="bash, zsh or fish (default: the shell you run).", show_default=False)] = None,
    install_: Annotated[bool, typer.Option("--install", help="Install it for your user instead of printing it (a new shell loads it).")] = False,
) -> None:
    """Print the shell completion script: for packagers, dotfiles and `eval`.

    Completion offers commands, options, module and item ids, concept terms in every
    language (aliases too), and each option's values (--lang, --kind, --format, --tag,
    --module, --profile, reading ids, settings and their values); file names only where
    a file is wanted. It reads the profile named by --profile on the same line, and
    never writes a file.

    Examples: studyplan completion zsh > ~/.zfunc/_studyplan   ·   eval "$(studyplan completion bash)"
    """
    chosen = _shell_or_error(shell or detect_shell())
    if install_:
        _install_and_say(ctx, chosen)
        return
    sys.stdout.write(script(chosen, ctx.find_root().info_name or "studyplan"))


def _lang(ctx: typer.Context) -> str:
    """The language of the messages: --lang, STUDYPLAN_LANG, the config, the locale (never
    the database: installing completion opens none)."""
    from studyplan.app.session import locale_lang
    from studyplan.cli.common import run_of

    session = run_of(ctx).session
    try:
        lang = session.lang_flag or session.env.get("STUDYPLAN_LANG") or session.config.get("lang") or locale_lang(session.env)
    except Exception:  # noqa: BLE001 - a message must never fail for its language
        lang = None
    return lang if lang in ("en", "ja") else "en"


def _install_and_say(ctx: typer.Context, shell: str) -> None:
    path, hint = install(shell, ctx.find_root().info_name or "studyplan")
    lang = _lang(ctx)
    print(t(lang, "{shell} completion installed in {path}; open a new shell to use it", shell=shell, path=str(path)))
    if hint:
        print(catalog(lang).text(hint))


def _refuse(ctx: typer.Context, exc: UsageError) -> None:
    print(f"studyplan: {catalog(_lang(ctx)).text(exc.msg)}", file=sys.stderr)
    raise typer.Exit(2) from None


def show_callback(ctx: typer.Context, value: bool) -> None:
    """``--show-completion``: the script for the shell this runs under."""
    if value and not ctx.resilient_parsing:
        try:
            chosen = _shell_or_error(detect_shell())
        except UsageError as exc:
            _refuse(ctx, exc)
        sys.stdout.write(script(chosen, ctx.info_name or "studyplan"))
        raise typer.Exit()


def install_callback(ctx: typer.Context, value: bool) -> None:
    """``--install-completion``: ``studyplan completion --install`` for the shell this runs under."""
    if value and not ctx.resilient_parsing:
        try:
            chosen = _shell_or_error(detect_shell())
        except UsageError as exc:
            _refuse(ctx, exc)
        _install_and_say(ctx, chosen)
        raise typer.Exit()
