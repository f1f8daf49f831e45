"""Hypothesis strategies for phone numbers in the fictional ranges only
(data/fictional_numbers.yaml), in E.164 form."""

from __future__ import annotations

import string

from hypothesis import strategies as st


def _digits(count: int) -> st.SearchStrategy[str]:
    return st.text(string.digits, min_size=count, max_size=count)


# (E.164 prefix, digits that follow) for every declared fictional block.
_BLOCKS = (
    ("+81900", 7), ("+81700", 7), ("+81500", 7),  # 090-0, 070-0, 050-0
    ("+8131", 7), ("+8161", 7), ("+81200", 7),  # 03-1, 06-1, 020-0
    ("+447700900", 3), ("+442079460", 3),  # Ofcom drama blocks
)


def _nanp() -> st.SearchStrategy[str]:
    area = st.tuples(st.sampled_from("23456789"), _digits(2)).map("".join)
    return st.tuples(area, _digits(2)).map(lambda p: f"+1{p[0]}55501{p[1]}")


fictional_numbers: st.SearchStrategy[str] = st.one_of(
    *(_digits(n).map(lambda d, p=prefix: p + d) for prefix, n in _BLOCKS), _nanp())
japanese_fictional_numbers: st.SearchStrategy[str] = st.one_of(
    *(_digits(n).map(lambda d, p=prefix: p + d) for prefix, n in _BLOCKS
      if prefix.startswith("+81")))
