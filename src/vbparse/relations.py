"""The relation of a citation: what the citing document does with the cited one.

Read from the cue words around each mention, in the clean text and its folded shadow (so
OCR'd and accent-stripped dumps read alike).  The words live in ``data/relations.json``;
this module knows how a clause is built:

- A *before* cue (``Căn cứ``, ``thực hiện``, ``sửa đổi, bổ sung``, ``thay thế``, ``bãi bỏ``,
  ``hướng dẫn``, ``ban hành kèm theo``, ``gửi kèm`` …) governs the citations after it in
  its clause; the nearest cue before a citation wins.  Once a document has been named
  after the cue, later cue words describe that document, not the citing one (``Căn cứ
  Nghị định số X … được sửa đổi, bổ sung bởi Nghị định số Y``: both ``legal_basis``; a
  document named only inside another's title is a ``reference``, except in a basis clause).
  A document word opening a clause with no cue yet is the citing document's own title
  (``NGHỊ ĐỊNH`` / ``Sửa đổi, bổ sung … Nghị định số X``: amends); one followed by
  ``này`` is the citing document too (``Quyết định này thay thế …``).
- *Reference* cues mention without acting (``theo quy định tại``, ``đề nghị sửa đổi``,
  ``được sửa đổi``); they cancel a loose ``thực hiện`` or ``hướng dẫn`` but never a basis
  or a legal act.  *Head* cues count only as a clause's first words (``Điều 1. Bổ sung``).
- Clauses end at ``;``, ``:``, a sentence end, a blank line, or a line that opens with a
  bullet, a number, a clause word (``Căn cứ``, ``V/v``) or a title in capitals.  A clause
  after ``;`` or ``:`` that starts with a document word, a provision (``Khoản 2 Điều 5``)
  or a number is the next item of a list and keeps the cue of the item before it: every
  line of a ``Căn cứ`` block is ``legal_basis``.  A parenthesis keeps the outer cue; a
  quotation after a colon is the cited text speaking and is skipped.
- An *after* cue belongs to the citation just before it (``Công văn số … (có văn bản kèm
  theo)``: forwards; ``Nghị định số … hết hiệu lực``: repeals).
- When the mentions of one citation (or a before and an after cue) disagree, the relation
  listed first in the data file's ``precedence`` wins: replaces, repeals, amends, guides,
  attached_to, legal_basis, forwards, implements, reference.

One scan of the text for marks and for the words a cue can open with, one bounded match
of that word's cues where it is found, and bounded looks around each line break: linear in
the length of the text.
"""

from __future__ import annotations

import heapq
import string
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, get_args

import regex

from vbparse.fields.numbers import CITED_NUMBER, trim_cited
from vbparse.fold import fold
from vbparse.lines import in_capitals
from vbparse.models import Relation
from vbparse.vocab import doc_types, load

# How far a single-citation reading looks back for its clause, and forward for an
# ``after`` cue.  Clauses and their lists are far shorter than this.
_LOOK_BACK = 2000
_LOOK_AHEAD = 300
# A parenthesis this young survives a line break (``(Ban hành kèm theo Quyết định`` /
# blank line / ``số 1294/QĐ-TCT``); an older one was never closed and ends with the clause.
_YOUNG_PARENTHESIS = 150

# Where a clause's words start: past white space, a bullet and a number (``a)``, ``1.``).
# Bounded: a run of bullets and blank lines must not be scanned again from each of its
# lines (quadratic on a page of ``- - -``).
_CLAUSE_HEAD = regex.compile(r"[\s\-–•+*]{0,40}(?:(?:\d{1,2}|[a-z])[.)]\s{0,20})?")
# Where the first item of a list clause starts: past ``và``, ``các``, the provision cited
# (``Khoản 2 Điều 55``) and ``số``.
_LIST_LEAD = regex.compile(
    r"(?:(?:va|hoac)\s+)?(?:cac\s+)?"
    r"(?:(?:khoan|dieu|diem|muc|tiet)\s+[\w.]{1,5},?\s+(?:(?:va|cua)\s+)?){0,6}"
    r"(?:(?:so|s[oe0])\b[\s:]*)?"
)
_BULLET = regex.compile(r"[^\S\n]*(?:[-–•+*]|(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)])\s")
_SENTENCE_START = regex.compile(r"\s+[\p{Lu}\[(]")
_LINE_INDENT = regex.compile(r"[^\S\n]*")
# A quotation right after a colon is a passage of the cited text (``quy định: “…”``);
# other quotation marks enclose a name or a title and are read through.
_PASSAGE_BEFORE = regex.compile(r":\s*$")
_NUMBER_WORD_BEFORE = regex.compile(r"(?:\b(?:so|s[oe0])|\d)\s*$")


@dataclass(frozen=True)
class _Cues:
    tokens: _Tokens
    before: dict[str, Relation]  # cue group name -> relation it sets for later citations
    head_only: frozenset[str]  # cue groups that count only at the head of a clause
    after: dict[str, Relation]  # cue group name -> relation it gives the citation before it
    rank: dict[Relation, int]  # precedence: lower wins
    firm: frozenset[Relation]  # relations a 'reference' cue does not cancel
    purpose_words: frozenset[str]  # words that start a purpose clause ('để')
    line_opener: regex.Pattern[str]


@dataclass(frozen=True)
class _CueGroups:
    """The cue patterns of the data file, one named regex group each."""

    names: dict[str, str]  # pattern -> group name
    before: dict[str, Relation]
    head_only: frozenset[str]
    after: dict[str, Relation]
    neutral: frozenset[str]  # patterns of 'reference' cues


def _cue_groups(cues: dict[Relation, dict[str, list[str]]]) -> _CueGroups:
    names: dict[str, str] = {}
    before: dict[str, Relation] = {}
    after: dict[str, Relation] = {}
    head_only: set[str] = set()
    neutral: set[str] = set()
    for relation, roles in cues.items():
        for role, table in (("before", before), ("head", before), ("after", after)):
            for pattern in roles.get(role, []):
                name = names.setdefault(pattern, f"c{len(names)}")
                table[name] = relation
                if role == "head":
                    head_only.add(name)
                if relation == "reference":
                    neutral.add(pattern)
    return _CueGroups(names, before, frozenset(head_only), after, frozenset(neutral))


def _phrases(phrases: Iterable[str]) -> str:
    """A regex for any of the folded ``phrases``, any white space between their words, as
    a prefix tree: the scan tries a few letters where a flat list would try every phrase."""
    tree: dict[str, Any] = {}
    for phrase in phrases:
        node = tree
        for char in " ".join(phrase.split()):
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(tree)


def _branches(node: dict[str, Any]) -> str:
    ends = "" in node
    arms = [
        (r"\s+" if char == " " else regex.escape(char)) + _branches(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not arms:
        return ""
    body = arms[0] if len(arms) == 1 else "(?:" + "|".join(arms) + ")"
    return f"(?:{body})?" if ends else body


# How much of a phrase the scan looks at before trying the phrases at a word: enough to
# pass over the common short words that also open a cue (``có``, ``để``, ``theo``).
_START_LENGTH = 8
# What may follow the first word of a word token: the word tokens all end at a word
# boundary, so their first run of letters is followed by one of these, or by the end.
_AFTER_FIRST_WORD = (" ", "\n", "1", ",", ".", ":", ";", "(", ")", "/", "-", '"', "“", "ß", "_")


@dataclass(frozen=True)
class _Tokens:
    """Everything the reader reacts to, found in one scan of the folded text.

    One alternation of ~50 phrases tried at every word start cost more than all the rest
    of parsing.  So the scan stops only at a mark (a line break, a bracket, a stop …) or
    where the next few letters begin some phrase (``can c``, ``theo q``, ``nghi d`` …),
    and there tries just the phrases that open with that word, in their order.  The
    tokens are those of one ``finditer`` over the whole alternation: at one position the
    first alternative that matches wins, and a token consumes its text (``can\ncu`` holds
    no line break)."""

    scan: regex.Pattern[str]  # a mark, or the first word where a phrase may begin
    by_word: dict[str, regex.Pattern[str]]  # first word -> the phrases it opens
    definition: str  # the whole alternation, whose ``finditer`` this reproduces (tests)

    def finditer(self, folded: str, lo: int, hi: int) -> Iterator[regex.Match[str]]:
        busy = lo
        by_word = self.by_word
        for m in self.scan.finditer(folded, lo, hi):
            if m.start() < busy:
                continue  # inside a phrase already read (``can\ncu``)
            if m.lastgroup == "word":
                phrases = by_word.get(m.group())
                if phrases is None:
                    continue
                found = phrases.match(folded, m.start(), hi)
                if found is None:
                    continue
                m = found
            busy = m.end()
            yield m


def _tokens(data: dict[str, Any], groups: _CueGroups) -> _Tokens:
    """The marks and word phrases of the reader, in the order that is part of their meaning."""
    # Neutral phrases first (``đề nghị sửa đổi`` before ``sửa đổi``), then longer cues.
    ordered = sorted(groups.names, key=lambda p: (p not in groups.neutral, -len(p)))
    cues = [rf"(?P<{groups.names[p]}>(?:{p})(?!\w))" for p in ordered]
    purpose = "|".join(regex.escape(fold(w)) for w in data["purpose"])
    marks = [
        r"(?P<blank>\n[^\S\n]*\n\s*)",
        r"(?P<newline>\n)",
        r"(?P<open>\()",
        r"(?P<close>\))",
        r"(?P<semicolon>;)",
        r"(?P<colon>:)",
        r"(?P<stop>[.!?])",
        r"(?P<quote_open>[“„«])",
        r"(?P<quote_close>[”»])",
        r'(?P<quote>")',
    ]
    # Each word arm as a template and the phrases of its trie (None: a fixed pattern).
    words: list[tuple[str, list[str] | None]] = [
        (r"(?P<not_document>{})(?!\w)", list(data["not_documents"])),
        (rf"(?P<self>{{}}\s+{data['self']}\b)", [*doc_types().by_folded_name, *data["documents"]]),
        # A type word right before a number names that document, even when it is also
        # a cue word (``Hướng dẫn số 16-HD/BTCTW``, ``Quy định 377``).
        (
            r"(?P<numbered>{}(?:\s+lien\s+(?:tich|bo))?(?:\s+(?:so|s[oe0]))?[\s:.]*(?=\d))",
            list(doc_types().by_folded_name),
        ),
        *((cue, None) for cue in cues),
        (rf"(?P<in_force>(?:{data['in_force']})\b)", None),
        (rf"(?P<purpose>(?:{purpose})\b)", None),
        (r"(?P<document>{})(?!\w)", list(data["documents"])),
        (rf"(?P<subject>(?:{data['subject']})\b)", None),
    ]
    # For each word a token can open with, the arms that can open with it, in order, each
    # trie cut down to the phrases of that word: a small pattern, quick to try.
    opening: dict[str, list[str]] = {}
    for template, phrases in words:
        if phrases is None:
            for first in _first_words(regex.compile(template)):
                opening.setdefault(first, []).append(template)
            continue
        by_first: dict[str, list[str]] = {}
        for phrase in phrases:
            by_first.setdefault(phrase.split()[0], []).append(phrase)
        for first, own in by_first.items():
            opening.setdefault(first, []).append(template.replace("{}", _phrases(own), 1))
    compiled = {arms: regex.compile(arms) for arms in {"|".join(a) for a in opening.values()}}
    by_word = {first: compiled["|".join(arms)] for first, arms in opening.items()}
    starts = _phrases(p for first, pattern in by_word.items() for p in _starts(first, pattern))
    whole = [
        template if phrases is None else template.replace("{}", _phrases(phrases), 1)
        for template, phrases in words
    ]
    return _Tokens(
        scan=regex.compile("|".join(marks) + rf"|\b(?={starts})(?P<word>[a-z]+)"),
        by_word=by_word,
        definition="|".join(marks) + r"|\b(?:" + "|".join(whole) + ")",
    )


def _first_words(pattern: regex.Pattern[str]) -> list[str]:
    """Every run of letters ``pattern`` can match first, found by partial matching letter
    by letter (a dead prefix stops its branch)."""
    found: list[str] = []
    prefixes = [""]
    while prefixes:
        prefix = prefixes.pop()
        for letter in string.ascii_lowercase:
            word = prefix + letter
            if pattern.match(word, partial=True) is None:
                continue
            if pattern.fullmatch(word) or any(
                pattern.match(word + after, partial=True) for after in _AFTER_FIRST_WORD
            ):
                found.append(word)
            prefixes.append(word)
    return found


def _starts(first: str, pattern: regex.Pattern[str]) -> list[str]:
    """The ways a match of ``pattern`` can begin, as phrases of up to ``_START_LENGTH``
    characters, the first being the word ``first`` (a space stands for any white space).
    A start is cut short where a match may end or go on with a mark (``luat``, ``quy``)."""
    found: list[str] = []
    prefixes = [first]
    while prefixes:
        prefix = prefixes.pop()
        probe = prefix.replace(" ", "\n")  # '\s+' in the phrases takes a line break too
        ends = pattern.fullmatch(probe) or any(
            pattern.match(probe + after, partial=True) for after in _AFTER_FIRST_WORD[2:]
        )
        if ends or len(prefix) >= _START_LENGTH:
            found.append(prefix)
            continue
        follows = string.ascii_lowercase if prefix[-1] == " " else " " + string.ascii_lowercase
        if prefix == first:
            follows = " "  # the first word is whole: the scan takes a run of letters
        for char in follows:
            if pattern.match((prefix + char).replace(" ", "\n"), partial=True) is not None:
                prefixes.append(prefix + char)
    return found


@cache
def _cues() -> _Cues:
    data = load("relations")
    precedence: list[Relation] = data["precedence"]
    if sorted(precedence) != sorted(get_args(Relation)):
        raise ValueError("relations.json: 'precedence' must list every relation once")
    groups = _cue_groups(data["cues"])
    openers = "|".join(data["line_openers"])
    return _Cues(
        tokens=_tokens(data, groups),
        before=groups.before,
        head_only=groups.head_only,
        after=groups.after,
        rank={relation: i for i, relation in enumerate(precedence)},
        firm=frozenset(data["firm"]),
        purpose_words=frozenset(w.casefold() for w in data["purpose"]),
        line_opener=regex.compile(rf"[^\S\n]*(?:{openers})(?!\w)"),
    )


def strongest(relations: Iterable[Relation]) -> Relation:
    """The relation that wins by the data file's precedence; ``reference`` if none."""
    rank = _cues().rank
    return min(relations, key=rank.__getitem__, default="reference")


def relation_of(text: str, folded: str, start: int, end: int) -> Relation:
    """The relation of the one citation printed at ``text[start:end]``."""
    lo = max(0, start - _LOOK_BACK)
    hi = min(len(text), end + _LOOK_AHEAD)
    return relations_at(text, folded, [(start, end)], lo, hi)[0]


def relations_at(
    text: str, folded: str, spans: Sequence[tuple[int, int]], lo: int, hi: int
) -> list[Relation]:
    """The relation of each citation mention ``spans`` (sorted clean offsets) in ``[lo, hi)``."""
    if not spans:
        return []
    # Past the reach of an after cue of the last mention nothing read can change an
    # answer: the rest of the text (most of a long document's body) is not scanned.
    last = max(end for _, end in spans) + _LOOK_AHEAD
    reader = _Reader(text, folded, _cues(), len(spans), lo)
    objects = _objects(text, spans, lo, min(hi, last + _LOOK_AHEAD))
    k = 0
    for m in reader.cues.tokens.finditer(folded, lo, hi):
        if m.start() > last:
            break
        while k < len(objects) and objects[k][0] <= m.start():
            reader.on_object(*objects[k])
            k += 1
        if m.start() >= reader.busy_until:
            reader.on_token(m)
    for obj in objects[k:]:
        reader.on_object(*obj)
    return [strongest(r for r in pair if r is not None) for pair in reader.found]


def _objects(
    text: str, spans: Sequence[tuple[int, int]], lo: int, hi: int
) -> list[tuple[int, int, int | None]]:
    """Every cited document in ``[lo, hi)``: the mentions asked about (with their index)
    and any other printed number, which names a document just as well."""
    asked: list[tuple[int, int, int | None]] = [(s, e, i) for i, (s, e) in enumerate(spans)]
    others: list[tuple[int, int, int | None]] = [
        (m.start(), m.start() + len(trim_cited(m.group())), None)
        for m in CITED_NUMBER.finditer(text, lo, hi)
    ]
    # A number that is also a mention asked about comes second and is skipped as read.
    return list(heapq.merge(asked, others, key=lambda o: (o[0], o[2] is None)))


@dataclass
class _Clause:
    governing: Relation | None = None  # the cue that governs citations met now
    named: bool = False  # a document has been named since that cue
    described: bool = False  # a cue word was read as part of a named document's title
    carry: Relation | None = None  # the cue a following list item inherits
    head: int = 0  # where the clause's words start (the citing document's title, if any)
    lead: int = 0  # where a list item starts, past its provision (``Khoản 2 Điều 55``)
    empty: bool = True  # nothing read since the clause began
    speaks: bool = False  # the citing document is the clause's subject (``Quyết định này``)
    # Where each open parenthesis opened, and the cue and object outside it.
    parentheses: list[tuple[int, Relation | None, bool, bool]] = field(default_factory=list)


class _Reader:
    """The clause state while walking the tokens and cited documents left to right."""

    def __init__(self, text: str, folded: str, cues: _Cues, count: int, lo: int) -> None:
        self.text, self.folded, self.cues = text, folded, cues
        self.found: list[tuple[Relation | None, Relation | None]] = [(None, None)] * count
        self.pending: list[tuple[int, int]] = []  # (mention index, end) awaiting after cues
        self.titled: set[int] = set()  # pending mentions whose own title has begun
        self.busy_until = lo
        self.capitals: dict[int, bool] = {}  # line start -> printed in capitals
        self.clause = self._clause_at(lo)
        # Inside a quotation (the cited text speaking, not the citing one): its nesting
        # depth, whether it opened with a straight quote, and the clause outside it.
        self.quoted: tuple[int, bool, _Clause] | None = None

    # -- cited documents -------------------------------------------------------------

    def on_object(self, start: int, end: int, index: int | None) -> None:
        if start < self.busy_until:
            return
        self.busy_until = end
        if self.quoted is not None:
            return  # a document the quoted text cites: only mentioned here
        self._inherit_at(start)
        self.pending = []
        if index is not None:
            self.found[index] = (self._governing(), None)
            self.pending = [(index, end)]
            self.titled.discard(index)
        self.clause.named = True
        self.clause.empty = False

    # -- tokens -----------------------------------------------------------------------

    def on_token(self, m: regex.Match[str]) -> None:
        kind = m.lastgroup or ""
        if self.quoted is not None:
            self._in_quotation(kind, m)
        elif kind in ("quote_open", "quote"):
            if _PASSAGE_BEFORE.search(self.text, max(0, m.start() - 8), m.start()):
                self.quoted = (1, kind == "quote", self.clause)
        elif kind in ("blank", "newline"):
            self._line_break(m, blank=kind == "blank")
        elif kind == "semicolon":
            self._end_clause(m.end(), carry=True)
        elif kind == "colon":
            if not _NUMBER_WORD_BEFORE.search(self.folded, max(0, m.start() - 4), m.start()):
                self._end_clause(m.end(), carry=True)
        elif kind == "stop":
            if m.group() != "." or _SENTENCE_START.match(self.text, m.end()):
                self._end_clause(m.end(), carry=False)
        elif kind == "open":
            c = self.clause
            c.parentheses.append((m.start(), c.governing, c.named, c.described))
        elif kind == "close":
            c = self.clause
            if c.parentheses:
                _, c.governing, c.named, c.described = c.parentheses.pop()
        elif kind in ("numbered", "document"):
            self._document(kind, m.start())
        elif kind == "subject":
            self.titled.update(i for i, _ in self.pending)
        elif kind == "self":
            self.clause.speaks, self.clause.empty = not self.clause.named, False
        elif kind == "in_force":
            self._in_force()
        elif kind == "purpose":
            self._purpose(m)
        elif kind not in ("quote_close", "not_document"):
            self._cue(kind, m.start())

    def _in_quotation(self, kind: str, m: regex.Match[str]) -> None:
        """Skip the quoted text; it ends at its closing quote or, unclosed, at a blank line."""
        assert self.quoted is not None
        depth, straight, outside = self.quoted
        if kind == "blank":
            self.quoted = None
            self.clause = outside
            self._line_break(m, blank=True)
        elif kind == "quote_open" and not straight:
            self.quoted = (depth + 1, straight, outside)
        elif (kind == "quote_close" and not straight) or (kind == "quote" and straight):
            self.quoted = (depth - 1, straight, outside) if depth > 1 else None
            if self.quoted is None:
                self.clause = outside

    def _document(self, kind: str, at: int) -> None:
        """A document word.  After a cue it is the cue's object; mid-sentence it is a
        document being talked about; only at the head of a clause, with no cue yet, is it
        the citing document's own title (``NGHỊ ĐỊNH`` / ``Sửa đổi, bổ sung …``)."""
        c = self.clause
        self._inherit_at(at)
        if kind == "numbered" or c.governing is not None or at != c.head:
            c.named = True
        c.empty = False

    def _purpose(self, m: regex.Match[str]) -> None:
        """``căn cứ chức năng … để có biện pháp … theo quy định của Luật X``: a purpose
        starts a new verb phrase, out of the reach of a cue still without its object (a
        cue that has named its document is inside that document's title: ``phân tích
        để phân loại hàng hóa``)."""
        c = self.clause
        if not c.named and self.text[m.start() : m.end()].casefold() in self.cues.purpose_words:
            c.governing, c.described, c.empty = None, False, False

    def _in_force(self) -> None:
        """``Quyết định này, các phụ lục kèm theo có hiệu lực … và thay thế …``: what
        follows the citing document's entry into force is again its own act."""
        c = self.clause
        if c.speaks:
            c.governing, c.named, c.described = None, False, False

    def _cue(self, name: str, at: int) -> None:
        if name in self.cues.head_only and at != self.clause.head:
            return  # ``Điều 1. Bổ sung …`` acts; ``rà soát, bổ sung quy hoạch`` does not
        after = self.cues.after.get(name)
        if after is not None:
            for index, end in self.pending:
                late = at - end > _LOOK_AHEAD
                if late or (after == "repeals" and index in self.titled):
                    continue
                governing, _ = self.found[index]
                self.found[index] = (governing, after)
        before = self.cues.before.get(name)
        if before is not None:
            c = self.clause
            if c.named:
                c.described = True
            elif before != "reference" or c.governing not in self.cues.firm:
                # A phrase that only points at a text (``theo quy định tại``) cancels a
                # loose ``thực hiện`` or ``hướng dẫn`` before it, never a basis or a legal act.
                c.governing = before
        self.clause.empty = False

    def _governing(self) -> Relation | None:
        """The cue governing a citation met now.  A document named inside another cited
        document's title (``Thông tư số X … hướng dẫn thi hành Nghị định số Y``) is only
        mentioned, except in a basis clause, where every document named is a basis."""
        c = self.clause
        if c.described and c.governing != "legal_basis":
            return None
        return c.governing

    # -- clause boundaries ------------------------------------------------------------

    def _line_break(self, m: regex.Match[str], *, blank: bool) -> None:
        c = self.clause
        if c.parentheses and m.start() - c.parentheses[-1][0] <= _YOUNG_PARENTHESIS:
            return  # a line break inside a short parenthesis: the same sentence
        if not blank and not self._opens_clause(m.start(), m.end()):
            return  # the wrapping of one sentence
        if blank and self._capitals(self._line_start_before(m.start())) and self._capitals(m.end()):
            return  # ``HƯỚNG DẪN`` / blank line / ``MỘT SỐ NỘI DUNG …``: one title
        if c.empty:  # still waiting for the list item after ';'
            fresh = self._clause_at(m.end())
            c.head, c.lead = fresh.head, fresh.lead
            c.parentheses.clear()
            return
        self._end_clause(m.end(), carry=False)

    def _opens_clause(self, newline: int, at: int) -> bool:
        """Whether the line starting at ``at`` opens a clause: a bulleted or numbered line,
        a clause word in capitals (``Căn cứ``, ``V/v``), or the first line of a title."""
        if _BULLET.match(self.folded, at):
            return True
        first = _first_letter(self.text, at)
        if not self.text[first : first + 1].isupper():
            return False
        if self.cues.line_opener.match(self.folded, at):
            return True
        return self._capitals(at) and not self._capitals(self._line_start_before(newline))

    def _capitals(self, at: int) -> bool:
        """Whether the line starting at ``at`` is printed in capitals.  Each line is asked
        about at the break before it and the break after it: the answer is kept."""
        known = self.capitals.get(at)
        if known is None:
            end = self.text.find("\n", at)
            known = in_capitals(self.text[at : len(self.text) if end < 0 else end])
            self.capitals[at] = known
        return known

    def _line_start_before(self, newline: int) -> int:
        return self.text.rfind("\n", 0, newline) + 1

    def _end_clause(self, at: int, *, carry: bool) -> None:
        c = self.clause
        governing = c.parentheses[0][1] if c.parentheses else c.governing
        self.clause = self._clause_at(at)
        self.clause.carry = governing if carry else None
        self.pending = []
        head = self.clause.head
        if governing == "legal_basis" and carry and self.text[head : head + 1].islower():
            # '…; quy định chi tiết và hướng dẫn thi hành …': a ';' inside one basis
            # item's title, not a new item.
            self.clause.governing, self.clause.named = governing, True
            self.clause.empty = False

    def _inherit_at(self, at: int) -> None:
        """A list item keeps the cue of the item before it (``Căn cứ Luật A; Luật B``)."""
        c = self.clause
        if c.empty and c.carry is not None and at == c.lead:
            c.governing = c.carry
        c.carry = None

    def _clause_at(self, at: int) -> _Clause:
        head_match = _CLAUSE_HEAD.match(self.folded, at)
        head = head_match.end() if head_match else at
        lead_match = _LIST_LEAD.match(self.folded, head)
        return _Clause(head=head, lead=lead_match.end() if lead_match else head)


def _first_letter(text: str, at: int) -> int:
    m = _LINE_INDENT.match(text, at)
    return m.end() if m else at
