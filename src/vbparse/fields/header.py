"""Header fields: issuer and parent, system, document type, marks, subject, place."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from vbparse.fields.numbers import ParsedNumber, is_party_issuer
from vbparse.fold import fold
from vbparse.lines import Line
from vbparse.segment import MOTTO, MOTTO_TAIL, PARTY_HEADER, UNION_HEADER, is_number_line
from vbparse.vocab import doc_types, header_texts, issuers, marks
from vbparse.zones import VV, Zones, is_date_line

# Words that continue a wrapped issuer name rather than start a new body:
# ``ỦY BAN NHÂN DÂN`` / ``TỈNH BÌNH DƯƠNG`` is one name.
_CONTINUATION = regex.compile(
    r"^(?:tinh|thanh\s*pho|tp\b|huyen|quan|xa|phuong|thi\s*xa|thi\s*tran|quoc\s*hoi|trung\s*uong|viet\s*nam|tnhh|cp\b|va\b|&)"
)
_GENERIC_BODY = regex.compile(
    r"(?:uy\s*ban\s*nhan\s*dan|hoi\s*dong\s*nhan\s*dan|uy\s*ban\s*thuong\s*vu|ban\s*chap\s*hanh|uy\s*ban|hoi\s*dong|cong\s*ty|ngan\s*hang)$"
)


@dataclass(frozen=True)
class IssuerLines:
    name: str | None
    parent: str | None
    lines: tuple[Line, ...]


_RULE_AFTER = regex.compile(r"[-_=*]{2,}.*$")


def _clean_issuer(text: str) -> str:
    text = _RULE_AFTER.sub("", text)  # a rule printed after the name
    return " ".join(text.split()).strip(" -*,")


def issuer_lines(lines: list[Line], zones: Zones) -> IssuerLines:
    """The issuer block: capital lines of the left header column above the number."""
    seg = zones.segment
    stop = zones.number if zones.number is not None else zones.header_end
    if zones.title is not None:
        stop = min(stop, zones.title.first)
    if zones.date is not None and zones.number is None:
        stop = min(stop, zones.date)
    picked: list[Line] = []
    for ln in lines[seg.first : stop]:
        folded = ln.folded.strip()
        if ln.blank or ln.rule or len(ln.text.strip(" *-_")) < 2:
            continue
        if MOTTO.match(folded) or MOTTO_TAIL.match(folded) or PARTY_HEADER.match(folded):
            continue
        if _motto_fragment(folded):
            continue
        if is_date_line(ln) or is_number_line(ln) or _mark_of(folded):
            continue
        if UNION_HEADER.match(folded) and picked == []:
            picked.append(ln)
            continue
        if ln.upper and len(ln.text) <= 90:
            picked.append(ln)
        elif picked:
            break
    if not picked:
        return IssuerLines(None, None, ())
    names = [_clean_issuer(ln.text) for ln in picked]
    groups: list[list[str]] = []
    for name in names:
        if not name:
            continue
        prev = groups[-1][-1] if groups else ""
        if groups and (
            _CONTINUATION.match(fold(name))
            or _GENERIC_BODY.search(fold(prev))
            or not fold(name + " ").startswith(_name_starts())
        ):
            groups[-1].append(name)
        else:
            groups.append([name])
    joined = [" ".join(g) for g in groups]
    if not joined:
        return IssuerLines(None, None, ())
    name = joined[-1]
    parent = " ".join(joined[:-1]) or None
    return IssuerLines(name, parent, tuple(picked))


def _motto_fragment(folded: str) -> bool:
    """A piece of a motto that a web page wrapped: ``CỘNG HÒA XÃ`` / ``HỘI CHỦ NGHĨA VIỆT NAM``."""
    key = " ".join(folded.replace("–", "-").split())
    return len(key) >= 4 and any(key in text for text in header_texts())


def _name_starts() -> tuple[str, ...]:
    starts: list[str] = issuers()["name_starts"]
    return tuple(starts)


def system_of(
    lines: list[Line], zones: Zones, number: ParsedNumber | None, issuer: str | None
) -> str:
    seg = zones.segment
    band = lines[seg.first : zones.header_end]
    union_words: list[str] = issuers()["union_issuer_words"]
    issuer_folded = fold(issuer or "")
    if any(UNION_HEADER.match(ln.folded.strip()) for ln in band) or any(
        w in issuer_folded for w in union_words
    ):
        return "union"
    if number is not None and number.issuer_code and "ĐTN" in number.issuer_code.upper():
        return "union"
    if any(PARTY_HEADER.match(ln.folded.strip()) and ln.upper for ln in band):
        return "party"
    if any(MOTTO.match(ln.folded.strip()) for ln in band):
        return "state"
    if number is not None and number.grammar == "party" and is_party_issuer(number.issuer_code):
        return "party"
    return "state"


_VV_ABBREVIATION = regex.compile(r"v\s*[/.]\s*v\b")


def doc_type_of(
    lines: list[Line], zones: Zones, number: ParsedNumber | None, system: str
) -> str | None:
    types = doc_types()
    if zones.title is not None:
        first, last = lines[zones.title.first], lines[zones.title.last]
        folded = first.folded.strip(" :.")
        if last.index != first.index:
            folded = f"{folded} {last.folded.strip(' :.')}"
        for key, name in sorted(types.by_folded_name.items(), key=lambda kv: -len(kv[0])):
            if folded == key or folded.startswith(key + " "):
                return name
    subject = lines[zones.subject[0]].folded.strip() if zones.subject else ""
    if _VV_ABBREVIATION.match(subject):
        # Only a letter carries ``V/v``; it outranks the number, whose code may name the
        # issuer rather than the type (``5615/CT-CS``: CT is the tax department there).
        return "Công văn"
    if number is not None and number.type_code:
        from_code = types.name_for_code(number.type_code, party=system != "state")
        if from_code:
            return from_code
    if VV.match(subject):
        return "Công văn"
    if number is not None and number.grammar == "administrative" and number.type_code is None:
        return "Công văn"
    return None


def title_names() -> dict[str, str]:
    """Folded type names that may stand as a title line, longest first."""
    names = doc_types().by_folded_name
    return dict(sorted(names.items(), key=lambda kv: -len(kv[0])))


def _mark_of(folded: str) -> tuple[str, str] | None:
    label = folded.strip(" .:*-_()")
    if len(label) > 25:
        return None
    for kind, table in marks().items():
        if label in table:
            return kind, table[label]
    return None


def marks_of(lines: list[Line], zones: Zones) -> dict[str, tuple[str, Line]]:
    """Secrecy, urgency and circulation marks printed as short lines in the header band."""
    found: dict[str, tuple[str, Line]] = {}
    for ln in lines[zones.segment.first : zones.header_end]:
        if not ln.upper:
            continue
        hit = _mark_of(ln.folded.strip())
        if hit and hit[0] not in found:
            found[hit[0]] = (hit[1], ln)
    return found


_GARBLED_VV = regex.compile(r"^(?:v\s*[/.il]\s*v|viv|vlv|va|vv)\s*[:.]?\s+", regex.IGNORECASE)
_VV = regex.compile(r"v/v\b")
_VV_COLON = regex.compile(r"v/v\s*:\s*")


def subject_text(lines: list[Line], zones: Zones) -> str | None:
    if not zones.subject:
        return None
    parts = [lines[i].text for i in zones.subject]
    parts[0] = parts[0][zones.subject_column :]
    text = " ".join(p.strip() for p in parts)
    text = " ".join(text.split())
    folded = fold(text)
    if _GARBLED_VV.match(folded) and not _VV.match(folded) and not folded.startswith("ve viec"):
        text = text[_GARBLED_VV.match(folded).end() :]  # type: ignore[union-attr]
    elif vv_colon := _VV_COLON.match(folded):
        text = "V/v " + text[vv_colon.end() :]
    text = text.strip(" _-")
    return text or None
