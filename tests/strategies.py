"""Hypothesis strategies for names in several scripts and romanizations."""

from __future__ import annotations

from hypothesis import strategies as st

SURNAMES_HAN = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "曾", "欧阳", "司马"]
GIVEN_HAN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华志东泽荣")
PINYIN = ["wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "zhou", "wu", "zeng"]
GIVEN_PINYIN = ["wei", "fang", "na", "min", "jing", "qiang", "lei", "jun", "yang", "zhiwei"]
WADE_GILES = ["Mao Tse-tung", "Teng Hsiao-p'ing", "Chou En-lai", "Chiang Kai-shek"]

han_names = st.builds(
    lambda s, g: s + "".join(g),
    st.sampled_from(SURNAMES_HAN),
    st.lists(st.sampled_from(GIVEN_HAN), min_size=1, max_size=2),
)

pinyin_names = st.builds(
    lambda s, g: f"{s.title()} {g.title()}",
    st.sampled_from(PINYIN),
    st.sampled_from(GIVEN_PINYIN),
)

romanized_names = st.one_of(pinyin_names, st.sampled_from(WADE_GILES))
any_name = st.one_of(han_names, romanized_names)
kinds = st.sampled_from(["person", "organization", "place"])
