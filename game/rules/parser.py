"""The grammar of the expression language and the resolution of every name in it.

``Parser`` turns tokens into a syntax tree (``game.rules.nodes``) while it
checks types (number or condition) and resolves each meter, function and id
against the scenario's ``Names``; anything else is an ``ExprError`` with the
offset of the mistake. It is the only module that reads expression text:
everything else walks the nodes it returns.
"""

from __future__ import annotations

import itertools

from ..i18n import N_, ngettext, pgettext
from . import nodes as N
from .compiler import constant_value
from .expr_base import (
    DEAL_KEYWORDS,
    FORBIDDEN_OPS,
    FUNCTIONS,
    MAX_DEPTH,
    MAX_NUMBER,
    MAX_WITHIN,
    USED_KEYWORDS,
    ExprError,
    Names,
    Token,
    Words,
    suggest,
    tokenize,
    told,
)

# Each parse method returns (node, kind). kind is "num" or "bool".

_CMP = N.COMPARISONS


class Parser:
    def __init__(self, source: str, names: Names):
        self.source = source
        self.names = names
        self.tokens = tokenize(source)
        self.i = 0
        self.depth = 0

    # token helpers
    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def advance(self) -> Token:
        t = self.tokens[self.i]
        self.i += 1
        return t

    def at(self, kind: str, text: str | None = None) -> bool:
        t = self.tok
        return t.kind == kind and (text is None or t.text == text)

    @property
    def end(self) -> int:
        """Where the last token taken ends: the end of the node just parsed."""
        t = self.tokens[self.i - 1]
        return t.pos + len(t.text)

    def forbidden(self) -> None:
        """Raise the advice for an operator the language refuses, if the current token is one."""
        t = self.tok
        if t.kind != "op" or t.text not in FORBIDDEN_OPS:
            return
        after = self.tokens[self.i + 1]  # "=" is never the last token: "end" follows
        if t.text == "=" and after.kind == "op" and after.text in ("<", ">") and after.pos == t.pos + 1:
            op = after.text + "="
            raise told(N_("'={op}' is not an operator: the '=' comes last in '<=' and '>='"), t.pos, op, op=after.text)
        raise told(FORBIDDEN_OPS[t.text], t.pos)

    def fail_here(self, message: Words):
        self.forbidden()
        t = self.tok
        if t.kind == "end":
            raise told(N_("{message}, but the expression ended"), t.pos, message=message)
        raise told(N_("{message}, found {token!r}"), t.pos, message=message, token=t.text)

    def nest(self, pos: int):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise told(N_("expression is nested more than {n} deep"), pos, n=MAX_DEPTH)

    # grammar
    def parse(self):
        node, kind = self.or_expr()
        if not self.at("end"):
            self.forbidden()
            t = self.tok
            if t.kind == "op" and t.text == ")":
                raise told(N_("unmatched ')'"), t.pos)
            raise told(N_("unexpected {token!r}; join conditions with 'and' or 'or'"), t.pos, token=t.text)
        return node, kind

    def need(self, kind: str, got: str, pos: int, context: str | Words):
        if got != kind:
            if kind == "bool":
                raise told(N_("{context} needs a condition (true or false), not a number"), pos, context=context)
            raise told(N_("{context} needs a number, not a condition"), pos, context=context)

    def or_expr(self):
        return self.logic("or", self.and_expr, N.Or)

    def and_expr(self):
        return self.logic("and", self.not_expr, N.And)

    def logic(self, word: str, operand, node_class):
        """One precedence level of 'and' or 'or': conditions on both sides, gathered into one node."""
        pos = self.tokens[self.i].pos
        left, kind = operand()
        operands = [left]
        tokens = self.tokens
        while tokens[self.i].kind == "kw" and tokens[self.i].text == word:
            self.advance()
            self.need("bool", kind, pos, f"'{word}'")
            right_pos = self.tok.pos
            right, rkind = operand()
            self.need("bool", rkind, right_pos, f"'{word}'")
            operands.append(right)
            kind = "bool"
        if len(operands) == 1:
            return left, kind
        return node_class(tuple(operands), pos, self.end), kind

    def not_expr(self):
        t = self.tokens[self.i]
        if t.kind == "kw" and t.text == "not":
            pos = self.advance().pos
            self.nest(pos)
            inner_pos = self.tok.pos
            inner, kind = self.not_expr()
            self.depth -= 1
            self.need("bool", kind, inner_pos, "'not'")
            return N.Not(inner, pos, self.end), "bool"
        return self.comparison()

    def comparison(self):
        left, kind = self.sum()
        op_tok = self.tokens[self.i]
        if op_tok.kind == "op" and op_tok.text in _CMP:
            self.i += 1
            right_pos = self.tok.pos
            right, rkind = self.sum()
            if kind != rkind:
                raise told(
                    N_("cannot compare a {left} with a {right}"),
                    right_pos,
                    left=_kind_word(kind),
                    right=_kind_word(rkind),
                )
            if kind == "bool" and op_tok.text not in ("==", "!="):
                raise told(N_("'{op}' compares numbers, not conditions"), op_tok.pos, op=op_tok.text)
            if self.at("op") and self.tok.text in _CMP:
                raise told(N_("chained comparisons are not allowed; join them with 'and'"), self.tok.pos)
            return N.Compare(op_tok.text, left, right, left.start, self.end), "bool"
        return left, kind

    def sum(self):
        return self.arithmetic(("+", "-"), self.term)

    def term(self):
        return self.arithmetic(("*", "/"), self.unary)

    def arithmetic(self, ops: tuple[str, ...], operand):
        """One precedence level of left-associative arithmetic: operand (op operand)*."""
        tokens = self.tokens
        pos = tokens[self.i].pos
        left, kind = operand()
        while tokens[self.i].kind == "op" and tokens[self.i].text in ops:
            op = tokens[self.i].text
            self.i += 1
            self.need("num", kind, pos, f"'{op}'")
            rpos = self.tok.pos
            right, rkind = operand()
            self.need("num", rkind, rpos, f"'{op}'")
            left = N.Binary(op, left, right, left.start, self.end)
            kind = "num"
        return left, kind

    def unary(self):
        t = self.tokens[self.i]
        if t.kind == "op" and t.text in ("-", "+"):
            self.i += 1
            self.nest(t.pos)
            pos = self.tok.pos
            operand, kind = self.unary()
            self.depth -= 1
            self.need("num", kind, pos, Words(N_("unary '{op}'"), op=t.text))
            return N.Unary(t.text, operand, t.pos, self.end), "num"
        return self.atom()

    def atom(self):
        t = self.tokens[self.i]
        if t.kind == "num":
            self.advance()
            whole = t.text.partition(".")[0].lstrip("0")
            if len(whole) > len(str(MAX_NUMBER)) or (float(t.text) if "." in t.text else int(t.text)) > MAX_NUMBER:
                raise told(
                    N_("the number {number} is too large; numbers in a scenario go up to {most:,}"),
                    t.pos,
                    number=_short(t.text),
                    most=MAX_NUMBER,
                )
            value = float(t.text) if "." in t.text else int(t.text)
            return N.Number(value, t.pos, self.end), "num"
        if t.kind == "kw" and t.text in ("true", "false"):
            self.advance()
            return N.Bool(t.text == "true", t.pos, self.end), "bool"
        if t.kind == "op" and t.text == "(":
            self.advance()
            self.nest(t.pos)
            inner, kind = self.or_expr()
            self.depth -= 1
            if not self.at("op", ")"):
                self.fail_here(Words(N_("expected ')' to close the '(' at column {column}"), column=t.pos + 1))
            self.advance()
            return N.Group(inner, t.pos, self.end), kind
        if t.kind == "str":
            raise told(N_("text in quotes is only allowed as a function argument, e.g. fired('intel_freeze')"), t.pos)
        if t.kind == "name":
            self.advance()
            if self.at("op", "("):
                return self.call(t)
            return self.name(t)
        if t.kind == "kw":
            raise told(N_("'{word}' cannot start a value here"), t.pos, word=t.text)
        self.fail_here(Words(N_("expected a number, a meter or a function call")))

    # names and calls
    def name(self, t: Token):
        text = t.text
        if text in ("round", "rounds"):
            return N.Round(text, t.pos, self.end), "num"
        if any(part.startswith("__") for part in text.split(".")):
            raise told(N_("'{text}' is not a meter; names starting with '__' are not allowed"), t.pos, text=text)
        n = self.names
        parts = text.split(".")
        if len(parts) == 1:
            if text in n.global_meters:
                return N.Meter(text, t.pos, self.end), "num"
            if text in FUNCTIONS:
                raise told(N_("{text} is a function; call it with parentheses, e.g. {text}(...)"), t.pos, text=text)
            if text in n.actors:
                example = sorted(n.actor_meters)[0] if n.actor_meters else "trust"
                raise told(
                    N_("'{text}' is an actor; name one of its meters, e.g. {text}.{example}"),
                    t.pos,
                    text=text,
                    example=example,
                )
            if text in n.roles:
                example = sorted(n.role_meters)[0] if n.role_meters else "capital"
                raise told(
                    N_("'{text}' is a role; name one of its meters, e.g. {text}.{example}"),
                    t.pos,
                    text=text,
                    example=example,
                )
            if text in ("target", "self"):
                raise told(N_("'{text}' needs a meter, e.g. {text}.trust"), t.pos, text=text)
            guess = suggest(text, n.meter_paths() + ["round", "rounds"])
            raise told(N_("unknown meter '{text}'"), t.pos, guess, text=text)
        if len(parts) == 2:
            owner, meter = parts
            if owner == "target":
                if not n.allow_target:
                    raise told(N_("'target' is only known inside an instrument that has targets"), t.pos)
                if meter not in n.targets_meters:
                    guess = _dotted("target", suggest(meter, n.targets_meters))
                    if n.target_meters is None:
                        raise told(N_("actors have no meter '{meter}'"), t.pos + 7, guess, meter=meter)
                    raise told(N_("this instrument's targets have no meter '{meter}'"), t.pos + 7, guess, meter=meter)
                return N.TargetMeter(meter, t.pos, self.end), "num"
            if owner == "self":
                if not n.allow_self:
                    raise told(N_("'self' is only known inside an instrument or a role's objective"), t.pos)
                if meter not in n.role_meters:
                    guess = _dotted("self", suggest(meter, n.role_meters))
                    raise told(N_("roles have no meter '{meter}'"), t.pos + 5, guess, meter=meter)
                return N.SelfMeter(meter, t.pos, self.end), "num"
            if owner in n.actors:
                if meter not in n.actor_meters:
                    raise told(
                        N_("actor '{owner}' has no meter '{meter}'"),
                        t.pos + len(owner) + 1,
                        _dotted(owner, suggest(meter, n.actor_meters)),
                        owner=owner,
                        meter=meter,
                    )
                return N.Meter(text, t.pos, self.end), "num"
            if owner in n.roles:
                if meter not in n.role_meters:
                    raise told(
                        N_("role '{owner}' has no meter '{meter}'"),
                        t.pos + len(owner) + 1,
                        _dotted(owner, suggest(meter, n.role_meters)),
                        owner=owner,
                        meter=meter,
                    )
                return N.Meter(text, t.pos, self.end), "num"
            owners = sorted(
                n.actors | n.roles | ({"target"} if n.allow_target else set()) | ({"self"} if n.allow_self else set())
            )
            guess = suggest(text, n.meter_paths())
            if guess is None:
                owner_guess = suggest(owner, owners)
                guess = f"{owner_guess}.{meter}" if owner_guess else None
            raise told(N_("unknown actor or role '{owner}'"), t.pos, guess, text, owner=owner)
        raise told(
            N_("'{text}' is not a meter path; write owner.meter, e.g. veyra.trust"),
            t.pos,
            suggest(text, n.meter_paths()),
            text=text,
        )

    def call(self, t: Token):
        fname = t.text
        if fname not in FUNCTIONS:
            raise told(
                N_("unknown function '{function}'; the functions are {functions}"),
                t.pos,
                suggest(fname, FUNCTIONS),
                function=fname,
                functions=", ".join(FUNCTIONS),
            )
        self.advance()  # (
        self.nest(t.pos)
        positional: list[tuple[Token, object]] = []  # (first token, value)
        keywords: dict[str, tuple[Token, object]] = {}
        if not self.at("op", ")"):
            while True:
                if self.at("name") and self.tokens[self.i + 1].kind == "op" and self.tokens[self.i + 1].text == "=":
                    key_tok = self.advance()
                    self.advance()  # =
                    if key_tok.text in keywords:
                        raise told(N_("'{key}' is given twice"), key_tok.pos, key=key_tok.text)
                    keywords[key_tok.text] = (key_tok, self.argument())
                else:
                    if keywords:
                        self.fail_here(Words(N_("positional arguments must come before keyword arguments")))
                    positional.append((self.tok, self.argument()))
                if self.at("op", ","):
                    self.advance()
                    continue
                if not self.at("op", ")"):
                    self.fail_here(Words(N_("expected ',' or ')' in the call to {function}"), function=fname))
                break
        close = self.advance()  # )
        self.depth -= 1
        self.call_span = (t.pos, close.pos + 1)
        return getattr(self, "fn_" + fname)(t, positional, keywords)

    def argument(self):
        """A function argument: a quoted string, or an expression."""
        t = self.tok
        if t.kind == "str":
            self.advance()
            return ("str", t.text[1:-1])
        after = self.tokens[self.i + 1] if t.kind in ("name", "num") else None  # ("end" follows any token)
        if after is not None and after.kind == "op" and after.text in (",", ")"):
            # a lone number or name: what the whole grammar below would make of it, in one step
            n = self.names
            if t.kind == "name" and any(
                t.text in ids
                for ids in (n.actors, n.roles, n.instruments, n.signals, n.crises, n.consequences, n.categories)
            ):
                raise told(N_("put ids in quotes: '{id}'"), t.pos, id=t.text)
            node, kind = self.atom()
            return (kind, node)
        node, kind = self.or_expr()
        return (kind, node)

    def _string_arg(self, tok: Token, arg, what: str) -> str:
        kind, value = arg
        if kind != "str":
            raise told(N_("{what} must be given in quotes, e.g. '{what}_id'"), tok.pos, what=what)
        return value

    def _check_id(self, tok: Token, value: str, known: frozenset[str], what: str, extra: tuple[str, ...] = ()):
        if value in known or value in extra:
            return
        i = self.tokens.index(tok)
        if self.tokens[i + 1].kind == "op" and self.tokens[i + 1].text == "=":
            tok = self.tokens[i + 2]  # a keyword argument: point at its value, not its name
        raise told(UNKNOWN_ID[what], tok.pos + 1, suggest(value, sorted(known) + list(extra)), value=value)

    def fn_used(self, t, positional, keywords):
        if len(positional) > 1:
            raise told(N_("used() takes at most one positional argument (the instrument)"), positional[1][0].pos)
        if positional:
            if "instrument" in keywords:
                raise told(N_("the instrument is given twice"), positional[0][0].pos)
            keywords = {"instrument": positional[0], **keywords}
        for key, (tok, _) in keywords.items():
            if key not in USED_KEYWORDS:
                raise told(
                    N_("used() has no argument '{key}'; it takes {keys}"),
                    tok.pos,
                    suggest(key, USED_KEYWORDS),
                    key=key,
                    keys=", ".join(USED_KEYWORDS),
                )
        n = self.names
        filters: dict[str, str] = {}
        for key in ("instrument", "signal", "category", "by", "on"):
            if key not in keywords:
                continue
            tok, arg = keywords[key]
            value = self._string_arg(tok, arg, key)
            if key == "instrument":
                self._check_id(tok, value, n.instruments, "instrument")
            elif key == "signal":
                self._check_id(tok, value, n.signals, "signal")
            elif key == "category":
                self._check_id(tok, value, n.categories, "category")
            elif key == "by":
                self._check_id(tok, value, n.roles, "role", ("self",) if n.allow_self else ())
            elif key == "on":
                self._check_id(tok, value, n.actors, "actor", ("target",) if n.allow_target else ())
            filters[key] = value
        within, within_arg = self._within(keywords)
        start, end = self.call_span
        label = self.source[start:end]
        return N.Used(tuple(filters.items()), within, within_arg, label, start, end), "num"

    def _within(self, keywords):
        """``within=N`` of a counting call: (N, the node it was written as), or (None, None)."""
        within, within_arg = None, None
        if "within" in keywords:
            tok, (kind, within_arg) = keywords["within"]
            if kind == "str":
                raise told(N_("within takes a number of rounds, without quotes"), tok.pos)
            try:
                within = constant_value(within_arg)
            except Exception:
                raise told(N_("within must be a plain whole number of rounds, e.g. within=2"), tok.pos) from None
            if isinstance(within, bool) or not isinstance(within, int) or within < 1:
                raise told(N_("within must be a whole number of rounds, 1 or more"), tok.pos)
            if within > MAX_WITHIN:
                raise told(
                    N_("within={within} is more rounds than a scenario can have; the limit is {limit}"),
                    tok.pos,
                    within=within,
                    limit=MAX_WITHIN,
                )
        return within, within_arg

    def _deals(self, t, positional, keywords):
        """``kept(by=, with=, within=)`` or ``broken(...)``: a count of the game's settled deals."""
        if positional:
            raise told(
                N_("{function}() takes only keyword arguments: by, with, within"), positional[0][0].pos, function=t.text
            )
        for key, (tok, _arg) in keywords.items():
            if key not in DEAL_KEYWORDS:
                raise told(
                    N_("{function}() has no argument '{key}'; it takes {keys}"),
                    tok.pos,
                    suggest(key, DEAL_KEYWORDS),
                    function=t.text,
                    key=key,
                    keys=", ".join(DEAL_KEYWORDS),
                )
        n = self.names
        filters: dict[str, str] = {}
        for key in ("by", "with"):
            if key in keywords:
                tok, arg = keywords[key]
                value = self._string_arg(tok, arg, key)
                self._check_id(tok, value, n.roles, "role", ("self",) if n.allow_self else ())
                filters[key] = value
        within, within_arg = self._within(keywords)
        start, end = self.call_span
        return N.Deals(t.text, tuple(filters.items()), within, within_arg, self.source[start:end], start, end), "num"

    def fn_kept(self, t, positional, keywords):
        return self._deals(t, positional, keywords)

    def fn_broken(self, t, positional, keywords):
        return self._deals(t, positional, keywords)

    def _one_id(self, t, positional, keywords, known, what):
        if keywords:
            tok = next(iter(keywords.values()))[0]
            raise told(N_("{function}() takes only the {what} id"), tok.pos, function=t.text, what=Words(WHAT[what]))
        if len(positional) != 1:
            raise told(
                N_("{function}() takes exactly one {what} id, e.g. {function}('{example}')"),
                t.pos,
                function=t.text,
                what=Words(WHAT[what]),
                example=next(iter(sorted(known)), "some_id"),
            )
        tok, arg = positional[0]
        value = self._string_arg(tok, arg, what)
        self._check_id(tok, value, known, what)
        return value

    def fn_fired(self, t, positional, keywords):
        n = self.names
        known, what = (
            (n.consequences | n.responses, "consequence or response")
            if n.responses
            else (n.consequences, "consequence")
        )
        cid = self._one_id(t, positional, keywords, known, what)
        return N.Flag("fired", cid, *self.call_span), "bool"

    def fn_pending(self, t, positional, keywords):
        cid = self._one_id(t, positional, keywords, self.names.consequences, "consequence")
        return N.Flag("pending", cid, *self.call_span), "bool"

    def fn_active(self, t, positional, keywords):
        cid = self._one_id(t, positional, keywords, self.names.crises, "crisis")
        return N.Flag("active", cid, *self.call_span), "bool"

    def _numbers(self, t, positional, keywords, least: int, most: int | None):
        if keywords:
            raise told(
                N_("{function}() takes no keyword arguments"), next(iter(keywords.values()))[0].pos, function=t.text
            )
        if len(positional) < least or (most is not None and len(positional) > most):
            if most == least:
                english = "{function}() takes {n} number" if least == 1 else "{function}() takes {n} numbers"
                said = ngettext("{function}() takes {n} number", "{function}() takes {n} numbers", least)
            else:
                english = (
                    "{function}() takes at least {n} number"
                    if least == 1
                    else "{function}() takes at least {n} numbers"
                )
                said = ngettext(
                    "{function}() takes at least {n} number", "{function}() takes at least {n} numbers", least
                )
            raise ExprError(english.format(function=t.text, n=least), t.pos, said=said.format(function=t.text, n=least))
        args = []
        for tok, (kind, node) in positional:
            if kind != "num":
                raise told(N_("{function}() takes numbers"), tok.pos, function=t.text)
            args.append(node)
        return N.Call(t.text, tuple(args), *self.call_span)

    def fn_min(self, t, positional, keywords):
        return self._numbers(t, positional, keywords, 2, None), "num"

    def fn_max(self, t, positional, keywords):
        return self._numbers(t, positional, keywords, 2, None), "num"

    def fn_abs(self, t, positional, keywords):
        return self._numbers(t, positional, keywords, 1, 1), "num"


def meter_names(source: str) -> list[str]:
    """The names in ``source`` that read a meter (not functions, keyword names or round), as written.

    For text that may not parse against any scenario yet (a library's meters
    before its contract is known): it looks at the tokens only, and gives []
    for text that does not tokenize.
    """
    try:
        tokens = tokenize(source)
    except ExprError:
        return []
    out = []
    for tok, after in itertools.pairwise(tokens):
        if tok.kind != "name" or tok.text in ("round", "rounds") or tok.text in FUNCTIONS:
            continue
        if after.kind == "op" and after.text in ("(", "="):
            continue
        out.append(tok.text)
    return out


def _short(number: str) -> str:
    """A number as a message quotes it: a long one by its length, not its digits."""
    return number if len(number) <= 15 else f"{number[:6]}... ({len(number.partition('.')[0])} digits)"


def _kind_word(kind: str) -> Words:
    if kind == "bool":
        # Translators: with its article, as "cannot compare a {left} with a {right}" needs ("une condition").
        return Words.pair("condition", pgettext("a kind of value", "condition"))
    # Translators: with its article, as "cannot compare a {left} with a {right}" needs ("un nombre").
    return Words.pair("number", pgettext("a kind of value", "number"))


# An id a function names that the scenario lacks, by what it should be.
UNKNOWN_ID = {
    "instrument": N_("unknown instrument '{value}'"),
    "signal": N_("unknown signal '{value}'"),
    "category": N_("unknown category '{value}'"),
    "role": N_("unknown role '{value}'"),
    "actor": N_("unknown actor '{value}'"),
    "crisis": N_("unknown crisis '{value}'"),
    "consequence": N_("unknown consequence '{value}'"),
    "consequence or response": N_("unknown consequence or response '{value}'"),
}
# What a function's one id names ("fired() takes only the consequence id").
WHAT = {
    "crisis": N_("crisis"),
    "consequence": N_("consequence"),
    "consequence or response": N_("consequence or response"),
}


def _dotted(owner: str, meter: str | None) -> str | None:
    return f"{owner}.{meter}" if meter else None
