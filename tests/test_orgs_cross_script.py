"""Organisation names across forms and scripts: 人民政府 offices, acronyms inside names,
translations through org_terms.tsv and the exonym table, and the pairs that must stay apart."""

from __future__ import annotations

import pytest
from tests.test_compare import _check, assert_different, assert_same

from sistercity_provenance import compare
from sistercity_provenance.names import NameKind
from sistercity_provenance.names._orgs import han_cores
from sistercity_provenance.resolve._keys import blocking_keys

ORG = "organization"


# Each pair with a piece of the explanation that names the rule that matched it.
SAME = [
    # Han vs Han: an office of a local government is named without 人民政府, then 侨办
    # abbreviates 侨务办公室.
    ("河南省侨办", "河南省人民政府侨务办公室", "without 人民政府"),
    ("河南省侨务办公室", "河南省人民政府侨务办公室", "without 人民政府"),
    ("河南省政府侨务办公室", "河南省人民政府侨务办公室", "without 政府"),
    ("河南省外办", "河南省人民政府外事办公室", "abbreviates"),
    ("河南省政府", "河南省人民政府", "人民政府"),
    # Han vs Han: 中华人民共和国 written 中国 at the start of a name.
    ("中华人民共和国驻芝加哥总领事馆", "中国驻芝加哥总领事馆", "中华人民共和国 is written 中国"),
    ("中华人民共和国外交部", "中国外交部", "中华人民共和国 is written 中国"),
    # Latin vs Latin: an all-capitals word that is the initials of a run of words.
    ("Henan OCAO", "Henan's Overseas Chinese Affairs Office", "acronym"),
    ("Jilin OCAO", "Overseas Chinese Affairs Office of Jilin Province", "acronym"),
    ("State Council OCAO", "Overseas Chinese Affairs Office of the State Council", "acronym"),
    ("Henan FAO", "Foreign Affairs Office of Henan Province", "acronym"),
    # Latin vs Latin: terms in any order; Chinese = China = People's Republic of China;
    # People's Government = Government.
    (
        "Chinese Consulate General in Chicago",
        "Consulate General of the People's Republic of China in Chicago",
        "same terms in any order",
    ),
    ("Hengyang municipal government", "Hengyang Municipal People's Government", "compares as"),
    # Han vs Latin: translation through org_terms.tsv, places through postal.tsv and
    # exonyms.tsv, country adjectives as the country.
    ("中国驻芝加哥总领事馆", "Chinese Consulate General in Chicago", "translation"),
    (
        "中国驻芝加哥总领馆",
        "Consulate General of the People's Republic of China in Chicago",
        "translation",
    ),
    (
        "共青团衡阳市委员会",
        "Hengyang Municipal Committee of the Communist Youth League",
        "translation",
    ),
    ("共青团衡阳市委员会", "Communist Youth League Hengyang Municipal Committee", "translation"),
    ("衡阳市人民政府", "Hengyang Municipal People's Government", "translation"),
    ("衡阳市人民政府", "Hengyang municipal government", "translation"),
    ("堪萨斯州美籍华人协会", "Chinese American association of Kansas", "translation"),
    ("堪萨斯孔子学院", "Confucius Institute in Kansas", "translation"),
    # 归国华侨联合会 in Chinese may be "Overseas Chinese Federation" in English (but not the
    # other way round: see DIFFERENT).
    ("湖南省归国华侨联合会", "Hunan Overseas Chinese Federation", "'returned'"),
    (
        "湖南省归国华侨联合会",
        "Hunan Provincial Federation of Returned Overseas Chinese",
        "translation",
    ),
    # ... so its two English names are one body too.
    (
        "Fujian Provincial Federation of Returned Overseas Chinese",
        "Fujian Overseas Chinese Federation",
        "'returned'",
    ),
    ("上海市贸促会", "Shanghai Council for the Promotion of International Trade", "translation"),
    ("解放军外国语学院", "PLA Foreign Languages Institute", "translation"),
    ("解放军外国语学院", "PLA Foreign Languages College", "translation"),
    ("澳大利亚国际贸易协会", "Australian International Trade Association", "translation"),
    ("中国驻美国大使馆", "Chinese Embassy in the United States", "translation"),
    ("美国驻华大使馆", "Embassy of the United States in China", "translation"),
    (
        "河南省人民政府侨务办公室",
        "Overseas Chinese Affairs Office of Henan Province",
        "translation",
    ),
    # Latin read as pinyin of the Chinese name, the legal forms of either side set aside,
    # and the Chinese name also without the place it starts with.
    ("Hengyuan Group", "恒远集团", "legal form 'Group' set aside"),
    ("Hengyuan Company Limited", "恒远有限公司", "legal form 'Company Limited' set aside"),
    ("Wenzhou Hengyuan Group", "温州恒远集团", "legal form 'Group' set aside"),
    ("Hengyuan Group", "温州恒远集团", "温州 left out of the Chinese name"),
    # A romanized name (pinyin, Wade-Giles) read as a Chinese name in the alias table.
    ("Guowuyuan Qiaowu Bangongshi", "OCAO", "reads as 国务院侨务办公室"),
    ("Guowuyuan Qiaowu Bangongshi", "国侨办", "reads as 国务院侨务办公室"),
    ("Kuo-wu-yüan Ch'iao-wu Pan-kung-shih", "Overseas Chinese Affairs Office", "reads as"),
    ("Zhongguo Kexue Jishu Xiehui", "CAST", "reads as 中国科学技术协会"),
    # A Chinese short form of a Chinese name in the alias table, by the rules that compare
    # two Chinese names.
    ("全总", "ACFTU", "全总 abbreviates 中华全国总工会"),
    ("全总", "All-China Federation of Trade Unions", "abbreviates"),
    ("科协", "CAST", "中国科协"),
    # A local committee of a national body, named by its area.
    ("中国人民政治协商会议上海市委员会", "上海市政协", "local committee"),
    ("中国国际贸易促进委员会广州市委员会", "广州市贸促会", "short for 国际贸易促进委员会"),
    ("Taizhou PAFFC", "Taizhou People's Association for Friendship with Foreign Countries", "with"),
    # ... as it skips every word that an acronym of a whole name skips (on, in, to ...)
    ("Kansas CCA", "Kansas Council on Chinese Affairs", "acronym of council chinese affairs"),
    # 中国共产党 at the start of a name is written 中共.
    ("中国共产党广州市委员会", "中共广州市委", "is written 中共"),
    ("中国共产党广州市委员会统一战线工作部", "中共广州市委统战部", "is written 中共"),
    # The State Council's ministries under their official English names.
    ("外交部", "Ministry of Foreign Affairs", "translation"),
    ("国防部", "Ministry of National Defense", "translation"),
    ("司法部", "Ministry of Justice", "translation"),
    ("自然资源部", "Ministry of Natural Resources", "translation"),
    ("住房和城乡建设部", "Ministry of Housing and Urban-Rural Development", "translation"),
    ("农业农村部", "Ministry of Agriculture and Rural Affairs", "translation"),
    ("应急管理部", "Ministry of Emergency Management", "translation"),
    ("宣传部", "Publicity Department", "translation"),
    ("ROC Ministry of Foreign Affairs", "中華民國外交部", "translation"),
]

DIFFERENT = [
    # 人民政府 is dropped only before an office: the government is not the province.
    ("河南省人民政府", "河南省"),
    ("河南省人民政府侨务办公室", "吉林省人民政府侨务办公室"),
    ("河南省人民政府侨务办公室", "国务院侨务办公室"),
    ("河南省人民政府侨务办公室", "河南省委侨务办公室"),  # the party committee's office
    ("河南省人民政府办公厅", "河南省委办公厅"),
    ("Overseas Chinese Affairs Office of Jilin Province", "河南省人民政府侨务办公室"),
    ("Henan OCAO", "Jilin OCAO"),
    ("Henan OCAO", "Hunan OCAO"),  # one letter apart, two provinces
    ("Henan OCAO", "Overseas Chinese Affairs Office of the State Council"),
    ("Jilin OCAO", "Overseas Chinese Affairs Office"),
    ("Jilin Provincial OCAO", "Jilin Municipal OCAO"),
    ("共青团衡阳市委员会", "衡阳市人民政府"),
    ("Hengyang municipal government", "Hengyang Municipal Committee of the Communist Youth League"),
    ("Hengyang City Government", "Hengyang County Government"),
    ("Chinese American association of Kansas", "Confucius Institute in Kansas"),
    ("中国驻芝加哥总领事馆", "中国驻旧金山总领事馆"),
    ("中国驻芝加哥总领事馆", "Chinese Consulate General in San Francisco"),
    ("Chinese Consulate General in Chicago", "Chinese Consulate General in New York"),
    ("美国驻华大使馆", "Chinese Embassy in the United States"),  # 驻 / in: where it is
    ("Chinese Embassy in the United States", "United States Embassy in China"),
    ("上海市贸促会", "Guilin Council for the Promotion of International Trade"),
    ("中国银行", "中国工商银行"),
    ("外交部", "商务部"),
    ("Ministry of Foreign Affairs", "Ministry of Commerce"),
    # An English "Returned Overseas Chinese" against a Chinese name without 归国.
    ("湖南省华侨联合会", "Hunan Federation of Returned Overseas Chinese"),
    ("Fujian Federation of Returned Overseas Chinese", "Hubei Overseas Chinese Federation"),
    ("Fujian Federation of Returned Overseas Chinese", "Fujian Overseas Chinese Affairs Office"),
    ("Fujian Returned Overseas Chinese Association", "Fujian Overseas Chinese Federation"),
    ("Kansas State University", "University of Kansas"),
    ("State Bank of India", "Bank of India"),
    ("Kansas City Chinese Association", "Kansas Chinese Association"),
    ("堪萨斯州立大学", "University of Kansas"),
    # The place in an English name is not left out: it must be the Chinese name's.
    ("Wenzhou Hengyuan Group", "杭州恒远集团"),
    ("Hengyuan Group", "恒达集团"),
    # Read as another known body's Chinese name, or too short to be looked up by reading.
    ("Zhongguo Kexue Jishu Xiehui", "CAS"),
    ("Zhongguo Kexueyuan", "CAST"),
    ("Qiaoban Xiehui", "OCAO"),
    # 人大 is short for the National People's Congress and for Renmin University alike.
    ("人大", "NPC"),
    ("人大", "Renmin University of China"),
    ("中国人民政治协商会议上海市委员会", "北京市政协"),
    ("中国人民政治协商会议上海市委员会", "上海市人大"),
    ("中国国际贸易促进委员会广州市委员会", "广州市政协"),
    ("中国共产党广州市委员会", "中共深圳市委"),
    ("中国共产党广州市委员会", "中共广州市委统战部"),  # the committee, not its department
    # The Republic of China is not the People's Republic of China.
    ("Republic of China Ministry of Foreign Affairs", "中华人民共和国外交部"),
    ("Ministry of Foreign Affairs of China", "中华民国外交部"),
    ("外交部", "Foreign Affairs Office"),
    ("外交部", "Ministry of Commerce"),
]


@pytest.mark.parametrize(("a", "b", "rule"), SAME)
def test_same_organization_across_forms(a: str, b: str, rule: str) -> None:
    ab = assert_same(a, b, ORG)
    assert ab.score == pytest.approx(compare(b, a, ORG).score, abs=1e-9)
    assert rule in ab.explanation, ab.explanation


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_organizations_stay_apart(a: str, b: str) -> None:
    ab = assert_different(a, b, ORG)
    assert ab.score == pytest.approx(compare(b, a, ORG).score, abs=1e-9)


def test_a_government_office_names_the_dropped_words() -> None:
    c = compare("河南省侨办", "河南省人民政府侨务办公室", ORG)
    assert "河南省侨务办公室" in c.explanation
    assert "abbreviates" in c.explanation


def test_a_level_left_out_is_said() -> None:
    c = compare("Jilin OCAO", "Overseas Chinese Affairs Office of Jilin Province", ORG)
    assert "province" in c.explanation
    assert "one side only" in c.explanation


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ministry of Foreign Affairs", "Foreign Ministry"),
        ("Ministry of Home Affairs", "Home Ministry"),
        ("United Front Work Department", "United Front Department"),
        ("外交部", "Foreign Ministry"),
    ],
)
def test_affairs_and_work_may_be_left_out_of_an_english_name(a: str, b: str) -> None:
    c = assert_same(a, b, ORG)
    assert "left out of one name" in c.explanation


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Work Department", "Department"),  # nothing else shared
        ("Ministry of Foreign Affairs", "Ministry of Foreign Trade"),
        ("United Front Work Department", "Youth Work Department"),
    ],
)
def test_a_left_out_filler_does_not_join_other_bodies(a: str, b: str) -> None:
    assert_different(a, b, ORG)


@pytest.mark.parametrize(
    ("acronym", "full"),
    [
        ("TAO", "Taiwan Affairs Office of the State Council"),  # the "of" phrase left out
        ("HKMAO", "Hong Kong and Macao Affairs Office of the State Council"),
        ("CCYL", "Communist Youth League of China"),  # the "of" phrase in front
    ],
)
def test_an_acronym_may_leave_out_or_front_a_closing_of_phrase(acronym: str, full: str) -> None:
    c = assert_same(acronym, full, ORG)
    assert "is the acronym of" in c.explanation
    keys = blocking_keys(acronym, NameKind.ORGANIZATION) & blocking_keys(
        full, NameKind.ORGANIZATION
    )
    assert keys


@pytest.mark.parametrize(
    ("acronym", "full"),
    [
        # the phrase names a place: another body than the national one
        ("OCAO", "Overseas Chinese Affairs Office of Jilin Province"),
        ("CP", "Communist Party of China"),  # too few letters to stand for the words before
        # the phrase names the body's remit, not the body it belongs to
        ("HKU", "Hong Kong University of Science and Technology"),
        ("CCP", "China Council for the Promotion of International Trade"),
    ],
)
def test_an_acronym_leaves_out_only_the_body_a_body_belongs_to(acronym: str, full: str) -> None:
    assert_different(acronym, full, ORG)


@pytest.mark.parametrize(
    ("acronym", "han"),
    [
        ("CCYL", "中国共产主义青年团"),  # China Communist Youth League
        ("SCFAO", "國務院外事辦公室"),  # State Council Foreign Affairs Office
        ("MOFA", "外交部"),  # Ministry of Foreign Affairs: the last term in front
        ("NSB", "国家统计局"),  # National Statistics Bureau
    ],
)
def test_an_acronym_of_a_chinese_name_in_translation_is_a_hint_and_a_key(
    acronym: str, han: str
) -> None:
    c = _check(compare(acronym, han, ORG))
    assert 0.0 < c.score < 0.8
    assert "initials of" in c.explanation
    assert blocking_keys(acronym, NameKind.ORGANIZATION) & blocking_keys(han, NameKind.ORGANIZATION)


@pytest.mark.parametrize(
    ("acronym", "han"),
    [
        ("OCAO", "吉林省侨务办公室"),  # the place is a letter of the acronym too
        ("PUMC", "北京协和医学院"),  # 协和 is no term of the table: no translation
        ("NBS", "外交部"),
    ],
)
def test_an_acronym_that_is_not_the_initials_of_a_chinese_name_scores_nothing(
    acronym: str, han: str
) -> None:
    assert _check(compare(acronym, han, ORG)).score == 0.0


def test_places_differ_is_explained() -> None:
    c = compare("中国驻芝加哥总领事馆", "Chinese Consulate General in San Francisco", ORG)
    assert "different places" in c.explanation
    c = compare("美国驻华大使馆", "Chinese Embassy in the United States", ORG)
    assert "located in different places" in c.explanation


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("Harbin FAO", "Foreign Affairs Office of the Harbin Municipal People's Government"),
        ("Henan OCAO",
         "Overseas Chinese Affairs Office of the Henan Provincial People's Government"),
        ("Guangzhou United Front Work Department",
         "United Front Work Department of the Guangzhou Municipal Committee of the CPC"),
    ],
)  # fmt: skip
def test_a_local_office_named_by_its_place_matches_its_full_name(short: str, full: str) -> None:
    c = compare(short, full, ORG)
    assert c.same
    assert any("the body it belongs to" in s for s in c.steps)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Harbin FAO", "Foreign Affairs Office of the Changchun Municipal People's Government"),
        ("Harbin Municipal People's Government", "Harbin Foreign Affairs Office"),
        ("Foreign Affairs Office of the Harbin Municipal People's Government",
         "Foreign Affairs Office of the Harbin Municipal Committee of the CPC"),
        ("Foreign Affairs Office",
         "Foreign Affairs Office of the Harbin Municipal People's Government"),
    ],
)  # fmt: skip
def test_the_body_an_office_belongs_to_is_left_out_only_beside_the_same_place(
    a: str, b: str
) -> None:
    assert not compare(a, b, ORG).same


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("广州市委统战部",
         "United Front Work Department of the Guangzhou Municipal Committee of the CPC"),
        ("Guangzhou Municipal Committee of the CCP", "Guangzhou Municipal Party Committee"),
    ],
)  # fmt: skip
def test_the_cpc_in_a_committee_name_is_the_party(a: str, b: str) -> None:
    assert compare(a, b, ORG).same


def test_the_party_prefix_may_be_left_out_of_a_local_committee_name() -> None:
    full = "中共广州市委统一战线工作部"
    assert compare(full, "广州市委统战部", ORG).same
    assert compare(
        full, "United Front Work Department of the Guangzhou Municipal Committee of the CPC", ORG
    ).same
    assert not compare("中共", "中国", ORG).same


def test_a_legal_form_left_out_is_not_a_different_one() -> None:
    assert compare("Huaxin Group", "Huaxin Group Co., Ltd.", ORG).same
    assert not compare("Huaxin Ltd", "Huaxin Inc", ORG).same  # two forms: two companies


def test_a_romanized_name_is_looked_up_by_its_reading_only_when_it_has_three_syllables() -> None:
    from sistercity_provenance import parse
    from sistercity_provenance.names._knowledge import reading_aliases

    found = reading_aliases(parse("Chung-kuo K'o-hsüeh-yüan", ORG))
    assert found == (
        (
            ("organization", "Chinese Academy of Sciences"),
            "Chung-kuo K'o-hsüeh-yüan reads as 中国科学院",
        ),
    )
    assert [g for g, _why in reading_aliases(parse("Zhongguo Kexueyuan", ORG))] == [found[0][0]]
    assert reading_aliases(parse("Zhonggong", ORG)) == ()  # 中共: two syllables
    assert reading_aliases(parse("CAS", ORG)) == ()
    assert reading_aliases(parse("中国科学院", ORG)) == ()  # Chinese is looked up as written
    assert reading_aliases(parse("Zhongguo Kexueyuan", "person")) == ()


def test_a_chinese_short_form_is_looked_up_only_when_it_names_one_body() -> None:
    from sistercity_provenance import parse
    from sistercity_provenance.names._knowledge import abbreviation_aliases

    (group, why), *more = abbreviation_aliases(parse("全总", ORG))
    assert group == ("organization", "All-China Federation of Trade Unions")
    assert "中华全国总工会" in why
    assert not more
    assert abbreviation_aliases(parse("人大", ORG)) == ()  # two bodies
    assert abbreviation_aliases(parse("全国总工会", ORG)) == ()  # in the table as written
    assert abbreviation_aliases(parse("ACFTU", ORG)) == ()


# A proper name romanized and the rest translated (南开大学 / Nankai University). None of
# these bodies is in the alias table, so the reading and the translation decide.


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("Nankai University", "南开大学"),
        ("Nankai University", "南開大學"),
        ("Xiaomi Technology", "小米科技"),
        ("Xiaomi Technology Co., Ltd.", "小米科技有限责任公司"),
    ],
)
def test_romanized_proper_name_with_translated_terms(english: str, chinese: str) -> None:
    c = compare(english, chinese, "organization")
    assert c.same, c.steps
    assert any("romanized proper name" in step for step in c.steps)


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("Nankai University", "南京大学"),  # another proper name
        ("Nanjing University", "南开大学"),
        ("Nankai Middle School", "南开大学"),  # the terms do not translate each other
        ("Xiaomi Bank", "小米科技"),
    ],
)
def test_romanized_proper_name_needs_both_halves(english: str, chinese: str) -> None:
    assert not compare(english, chinese, "organization").same


def test_romanized_proper_name_and_its_characters_share_a_blocking_key() -> None:
    kind = NameKind.ORGANIZATION
    english = blocking_keys("Nankai University", kind)
    chinese = blocking_keys("南开大学", kind)
    assert {k for k in english & chinese if "|proper|" in k}
    # a place or a known term in front is not a proper name: no such key
    assert not {k for k in blocking_keys("北京市人民政府外事办公室", kind) if "|proper|" in k}


@pytest.mark.parametrize(
    ("english", "chinese", "said"),
    [
        # the people of an autonomous region named on both sides
        ("Guangxi Zhuang Autonomous Region People's Government", "广西壮族自治区人民政府",
         "Zhuang"),
        ("Xinjiang Uyghur Autonomous Regional Foreign Affairs Office", "新疆维吾尔自治区外事办公室",
         "Uygur"),
        # left out of the English, as a level may be
        ("Ningxia Autonomous Regional People's Government", "宁夏回族自治区人民政府",
         "people of the autonomous area (Hui)"),
        ("Guangxi Foreign Affairs Office", "广西壮族自治区外办", "level (autonomous, region)"),
        ("Tibet Autonomous Regional People's Government", "西藏自治区人民政府", "region"),
    ],
)  # fmt: skip
def test_an_autonomous_region_and_its_people(english: str, chinese: str, said: str) -> None:
    c = compare(english, chinese, kind=ORG)
    assert c.same, c.explanation
    assert said in c.explanation


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the people decide when both name one: not the region next door
        ("Guangxi Zhuang Autonomous Region People's Government", "广东省人民政府"),
        ("Ningxia Hui Autonomous Region Foreign Affairs Office", "新疆维吾尔自治区外事办公室"),
        # an office is not the government it belongs to
        ("Ningxia Foreign Affairs Office", "宁夏回族自治区人民政府"),
    ],
)
def test_autonomous_regions_stay_apart(a: str, b: str) -> None:
    assert_different(a, b, ORG)


def test_a_people_is_read_only_beside_a_place() -> None:
    from sistercity_provenance.names._orgs import _latin_segments

    # Li, Dong and Hui are also romanized syllables: Li Ning is a name, not the Li people
    assert not [c for _w, c in _latin_segments(["Li", "Ning", "Company"]) if "ethnic" in c]
    assert ("hui", "ethnic:hui") in _latin_segments(["Ningxia", "Hui", "Government"])
    assert compare("Li Ning Company", "李宁有限公司", kind=ORG).same


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("Guilin FAO", "桂林市外办"),
        ("Harbin FAO", "哈尔滨市人民政府外事办公室"),
        ("Zhejiang PAFFC", "浙江省人民对外友好协会"),
        ("CCPIT Foshan", "中国国际贸易促进委员会佛山市委员会"),  # C for China
    ],
)
def test_an_acronym_beside_a_place_is_that_place_s_office(short: str, full: str) -> None:
    c = compare(short, full, kind=ORG)
    assert c.same, c.explanation


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Guilin FAO", "南宁市外办"),  # another place
        ("Guilin FAO", "桂林市侨办"),  # another office
        ("Zhejiang OCAO", "国务院侨务办公室"),  # a provincial office is not the national one
    ],
)
def test_an_acronym_beside_a_place_is_no_other_office(a: str, b: str) -> None:
    assert_different(a, b, ORG)


def test_an_acronym_is_read_as_a_term_only_beside_a_place() -> None:
    from sistercity_provenance.names._orgs import _latin_segments

    assert ("fao", "word:fao") in _latin_segments(["FAO", "Report"])
    assert ("fao", "foreign affair office") in _latin_segments(["Guilin", "FAO"])


@pytest.mark.parametrize(
    "other",
    [
        "Foreign Affairs Office of the Jilin Provincial People's Government",
        "Jilin Foreign Affairs Office",
        "Jilin FAO",
        "吉林省外办",
    ],
)
def test_names_of_one_local_office_share_its_translation_key(other: str) -> None:
    def bag(name: str) -> set[str]:
        return {k for k in blocking_keys(name, NameKind.ORGANIZATION) if "|bag|" in k}

    assert bag("吉林省人民政府外事办公室") == bag(other) != set()
    assert not bag(other) & bag("吉林省侨办")  # another office of that place
    assert not bag(other) & bag("河南省外办")  # that office of another place


def test_a_name_with_unknown_words_or_no_place_has_no_translation_key() -> None:
    for name in ("Foreign Affairs Office", "Jilin Zorblat Office", "外事办公室"):
        assert not {k for k in blocking_keys(name, NameKind.ORGANIZATION) if "|bag|" in k}


_SUB_COUNCIL = "China Council for the Promotion of International Trade Guilin Sub-Council"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (_SUB_COUNCIL, "桂林市贸促会"),
        (_SUB_COUNCIL, "中国国际贸易促进委员会桂林市委员会"),
        (_SUB_COUNCIL, "Guilin Council for the Promotion of International Trade"),
        ("CCPIT Guilin", "桂林市贸促会"),
    ],
)
def test_a_local_sub_council_is_named_by_its_area(a: str, b: str) -> None:
    # the English of a local committee, like the Chinese, drops the national prefix
    assert_same(a, b, ORG)


@pytest.mark.parametrize(
    "other",
    [
        "中国国际贸易促进委员会",
        "佛山市贸促会",
        "China Council for the Promotion of International Trade",
    ],
)
def test_a_local_sub_council_is_neither_the_national_body_nor_another_area(other: str) -> None:
    assert_different(_SUB_COUNCIL, other, ORG)


def test_a_local_sub_council_of_an_autonomous_region() -> None:
    assert_same(
        "China Council for the Promotion of International Trade Ningxia Hui Sub-Council",
        "宁夏回族自治区贸促会",
        ORG,
    )


def test_a_government_has_a_translation_key_of_its_own() -> None:
    def bag(name: str) -> set[str]:
        return {k for k in blocking_keys(name, NameKind.ORGANIZATION) if "|bag|" in k}

    assert bag("吉林省人民政府") == bag("Jilin Provincial People's Government") != set()
    assert bag("吉林省人民政府") == bag("People's Government of Jilin")
    assert not bag("吉林省人民政府") & bag("吉林省人民政府外事办公室")


@pytest.mark.parametrize(
    "other",
    [
        "广州市政协",
        "中国人民政治协商会议广州市委员会",
        "Guangzhou Political Consultative Conference",
    ],
)
def test_a_local_cppcc_committee_drops_chinese_people_s(other: str) -> None:
    # the national prefix of 中国人民政治协商会议 is 中国人民: the local body's name drops it
    assert_same(
        "Chinese People's Political Consultative Conference Guangzhou Committee", other, ORG
    )
    assert_different(
        "Chinese People's Political Consultative Conference Shenzhen Committee", other, ORG
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the alias table has "for Friendship"; the look-up skips of / for / with / the / and
        (
            "Chinese People's Association of Friendship with Foreign Countries",
            "Zhongguo Renmin Duiwai Youhao Xiehui",
        ),
        # the table has the office without "of the State Council"
        ("Hong Kong and Macao Affairs Office of the State Council", "港澳办"),
    ],
)
def test_the_alias_table_is_looked_up_without_small_words_and_the_parent_body(
    a: str, b: str
) -> None:
    c = assert_same(a, b, ORG)
    assert "alias table" in c.explanation
    assert blocking_keys(a, NameKind.ORGANIZATION) & blocking_keys(b, NameKind.ORGANIZATION)


def test_small_words_skipped_by_the_alias_look_up_are_whole_english_words() -> None:
    from sistercity_provenance.names._knowledge import alias_key, without_parent_phrase

    assert alias_key("Bank of China") == alias_key("Bank China")
    # Cantonese syllables that are English words elsewhere stay (On, To), as do words
    # that begin with a small word (Theodore, Ofelia)
    assert alias_key("Fang On-sang") == "fangonsang"
    assert alias_key("To Wai-ming") == "towaiming"
    assert alias_key("Theodore Ofelia") == "theodoreofelia"
    assert without_parent_phrase("Foreign Affairs Office of the State Council") == (
        "Foreign Affairs Office"
    )
    # a place or a remit is not the body it belongs to
    assert without_parent_phrase("Overseas Chinese Affairs Office of Jilin Province") == ""
    assert without_parent_phrase("Bank of China") == ""
    assert without_parent_phrase("Office of the State Council") == ""  # one word left


@pytest.mark.parametrize(
    ("a", "b"),
    [("CCYL", "CYLC"), ("CYL", "CCYL"), ("共青团", "CCYL"), ("CPAFFC", "PAFFC")],
)
def test_acronyms_with_and_without_china_share_a_key(a: str, b: str) -> None:
    shared = blocking_keys(a, NameKind.ORGANIZATION) & blocking_keys(b, NameKind.ORGANIZATION)
    assert any(key.split("|")[1] == "national" for key in shared), shared


def test_short_acronyms_are_not_keyed_without_their_c() -> None:
    # CIA without its c would be IA, a key of every International Association
    assert "organization|national|ia" not in blocking_keys("CIA", NameKind.ORGANIZATION)
    assert "organization|national|cyl" in blocking_keys("CCYL", NameKind.ORGANIZATION)


def _shared_families(a: str, b: str) -> set[str]:
    shared = blocking_keys(a, NameKind.ORGANIZATION) & blocking_keys(b, NameKind.ORGANIZATION)
    return {key.split("|")[1] for key in shared}


@pytest.mark.parametrize(
    ("romanized", "short"),
    [("Zhongguo Kexueyuan", "中科院"), ("Quanguo Renmin Daibiao Dahui", "人大")],
)
def test_a_romanized_full_name_meets_its_chinese_short_form_by_the_words_leads(
    romanized: str, short: str
) -> None:
    # the first syllable of each word, also after the national prefix (quanguo)
    assert "readlead" in _shared_families(romanized, short)


def test_only_a_romanized_name_has_leads_by_reading() -> None:
    keys = blocking_keys("Chinese Academy of Sciences", NameKind.ORGANIZATION)
    assert not [k for k in keys if "|readlead|" in k]
    assert "organization|readlead|zon ge" in blocking_keys("中国科学院", NameKind.ORGANIZATION)


def test_a_proper_name_is_read_after_a_national_prefix() -> None:
    # 國立 "national": 成功 | 大學 is the proper name and a term that translates
    assert "proper" in _shared_families("Cheng Kung University", "國立成功大學")
    assert han_cores("国立成功大学") == ("国立成功大学", "成功大学")


def test_an_english_name_meets_the_chinese_short_form_of_its_proper_name_and_term() -> None:
    # 成功大学 is shortened to 成大: the first character of each
    assert "organization|short|zen da" in blocking_keys(
        "Cheng Kung University", NameKind.ORGANIZATION
    )
    assert "short" in _shared_families("Cheng Kung University", "成大")
    # the full Chinese name is not keyed as a short form
    assert not [k for k in blocking_keys("成功大学", NameKind.ORGANIZATION) if "|short|" in k]
    # a name whose rest does not translate has no such key
    assert not _shared_families("Cheng Kung Widgets", "成大")


def test_every_translation_of_a_chinese_term_is_a_term_key() -> None:
    # 外交: diplomacy (the first) and foreign affairs
    keys = blocking_keys("外交部", NameKind.ORGANIZATION)
    assert {"organization|term|diplomacy", "organization|term|foreign"} <= keys
    assert "term" in _shared_families("Foreign Ministry", "外交部")


def test_an_acronym_with_national_in_front_meets_the_name_without() -> None:
    assert "national" in _shared_families("NCKU", "Cheng Kung University")
    assert "organization|national|cu" not in blocking_keys("NCU", NameKind.ORGANIZATION)


def test_an_acronym_less_an_inner_letter_meets_a_name_that_leaves_out_a_word() -> None:
    # State-owned Assets Supervision and Administration Commission
    assert "skipped" in _shared_families("SASAC", "State Assets Administration Commission")
    keys = blocking_keys("SASAC", NameKind.ORGANIZATION)
    assert {k for k in keys if "|skipped|" in k} == {
        f"organization|skipped|{a}" for a in ("sasc", "ssac", "saac")
    }
    # not for three letters, nor for a word in lower case
    assert not [k for k in blocking_keys("CIA", NameKind.ORGANIZATION) if "|skipped|" in k]
    assert not [k for k in blocking_keys("Huawei", NameKind.ORGANIZATION) if "|skipped|" in k]


def test_a_local_body_in_chinese_gets_no_translated_acronym_keys() -> None:
    keys = blocking_keys("吉林市外事办公室", NameKind.ORGANIZATION)
    assert not [k for k in keys if k.split("|")[1] in ("translated", "national")]
    national = blocking_keys("中国共产主义青年团", NameKind.ORGANIZATION)
    assert "organization|translated|ccyl" in national


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("United Front Work Department of the CPC Central Committee", "United Front Department"),
        ("Taiwan Affairs Office of the State Council", "Taiwan Affairs Office"),
    ],
)
def test_two_english_names_may_differ_by_the_body_one_belongs_to(a: str, b: str) -> None:
    c = assert_same(a, b, ORG)
    assert "(the body it belongs to) left out" in c.explanation
    assert c.score <= 0.88


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Foreign Affairs Office of the State Council", "Overseas Chinese Affairs Office"),
        ("United Front Work Department of the CPC Central Committee", "Propaganda Department"),
        # a place is not the body it belongs to
        ("Foreign Affairs Office of Jilin Province", "Foreign Affairs Office"),
    ],
)
def test_leaving_out_the_parent_body_does_not_join_other_bodies(a: str, b: str) -> None:
    assert_different(a, b, ORG)


def test_qualifiers_that_name_one_country_do_not_conflict() -> None:
    c = assert_same(
        "Ministry of Foreign Affairs (Republic of China)",
        "Ministry of Foreign Affairs (Taiwan)",
        ORG,
    )
    assert "name one country" in c.explanation
    assert_different(
        "Ministry of Foreign Affairs (Republic of China)", "Ministry of Foreign Affairs (PRC)", ORG
    )
    assert_different("Bank of China (Hong Kong)", "Bank of China (Macau)", ORG)
    # full-width brackets are qualifiers too, as the parser reads them
    c = assert_same("外交部（中华民国）", "外交部（台湾）", ORG)
    assert "name one country" in c.explanation


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a country's names in countries.tsv are one place of an organisation's name
        ("Embassy of the Republic of Korea", "Embassy of South Korea"),
        ("Consulate General of the Republic of China", "Taiwan Consulate General"),
        # a country in brackets is the country of the name
        ("Ministry of Foreign Affairs (Republic of China)", "Taiwan Foreign Ministry"),
    ],
)
def test_one_country_under_two_names_is_one_place(a: str, b: str) -> None:
    assert_same(a, b, ORG)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Embassy of the Republic of Korea",
            "Embassy of the Democratic People's Republic of Korea",
        ),
        ("Embassy of South Korea", "Embassy of North Korea"),
        (
            "Ministry of Foreign Affairs of the Republic of China",
            "Ministry of Foreign Affairs of the People's Republic of China",
        ),
        ("Bank of China (Hong Kong)", "Bank of China"),  # not a country: another body
    ],
)
def test_two_countries_stay_two_places(a: str, b: str) -> None:
    assert_different(a, b, ORG)


def test_a_country_in_brackets_is_looked_up_by_its_first_name() -> None:
    from sistercity_provenance.names._knowledge import with_country_qualifiers_named_alike

    assert with_country_qualifiers_named_alike(
        "Ministry of Foreign Affairs (Republic of China)"
    ) == ("Ministry of Foreign Affairs (Taiwan)")
    assert with_country_qualifiers_named_alike("Bank of China (Hong Kong)") == ""
    # the alias table names the ministry "... (Taiwan)": the two names now share its key
    a = blocking_keys("Ministry of Foreign Affairs (Republic of China)", NameKind.ORGANIZATION)
    assert "organization|alias|Ministry of Foreign Affairs (Taiwan)" in a
    assert a & blocking_keys("中华民国外交部", NameKind.ORGANIZATION)


# Universities and institutes named for a field (org_terms.tsv's field rows): the English
# translates the field, so the Chinese name meets it through the terms, not the reading.
@pytest.mark.parametrize(
    ("latin", "han"),
    [
        ("China University of Geosciences", "中国地质大学"),
        ("Ocean University of China", "中国海洋大学"),
        ("South China University of Technology", "华南理工大学"),
        ("Beijing Forestry University", "北京林业大学"),
        ("Beijing University of Chinese Medicine", "北京中医药大学"),
    ],
)
def test_a_field_named_in_english_meets_its_chinese_term(latin: str, han: str) -> None:
    assert compare(latin, han, kind=ORG).same


def test_universities_of_two_fields_in_one_city_stay_apart() -> None:
    assert not compare("Beijing Normal University", "北京林业大学", kind=ORG).same
    assert not compare("北京师范大学", "北京林业大学", kind=ORG).same


def test_a_chinese_name_with_an_unknown_inner_run_meets_an_acronym_less_one_letter() -> None:
    """台湾积体电路制造公司: Taiwan, a run the term table does not hold (积体电路, rendered
    Semiconductor), Manufacturing, Company. Without the run its initials are tmc, as TSMC's
    without its inner s."""
    from sistercity_provenance.names._orgs import han_acronyms, han_acronyms_less_one_term

    han = "台湾积体电路制造公司"
    assert han_acronyms(han) == frozenset()
    assert "tmc" in han_acronyms_less_one_term(han)
    shared = blocking_keys("TSMC", NameKind.ORGANIZATION) & blocking_keys(
        "臺灣積體電路製造公司", NameKind.ORGANIZATION
    )
    assert "organization|skipped|tmc" in shared


@pytest.mark.parametrize(
    "han",
    [
        "积体电路制造公司",  # the unknown run opens the name
        "台湾制造公司积体电路",  # ... or closes it
        "台湾积体电路制造晶圆公司",  # two unknown runs
        "台湾制造公司",  # none
    ],
)
def test_only_one_inner_unknown_run_is_left_out_of_an_acronym(han: str) -> None:
    from sistercity_provenance.names._orgs import han_acronyms_less_one_term

    assert han_acronyms_less_one_term(han) == frozenset()
