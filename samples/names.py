"""Synthetic personal names: common Japanese names with readings, variant-kanji families, foreign residents.

The lists are written for this project (common surnames and given names, readings as usually given);
no dictionary data is copied. Romaji is derived from the katakana reading (samples.kana.hepburn).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from samples.kana import hepburn


@dataclass(frozen=True)
class Name:
    """A name as written somewhere (card or registration): family name first."""

    surname: str
    given: str
    surname_kana: str
    given_kana: str
    romaji: str  # "NIHON HANAKO", family name first

    @property
    def kanji(self) -> str:
        return f"{self.surname} {self.given}"

    @property
    def kana(self) -> str:
        return f"{self.surname_kana} {self.given_kana}"


def _pairs(text: str) -> list[tuple[str, str]]:
    items = text.split()
    return list(zip(items[::2], items[1::2], strict=True))


SURNAMES = _pairs("""
佐藤 サトウ 鈴木 スズキ 高橋 タカハシ 田中 タナカ 伊藤 イトウ 渡辺 ワタナベ 山本 ヤマモト 中村 ナカムラ
小林 コバヤシ 加藤 カトウ 吉田 ヨシダ 山田 ヤマダ 佐々木 ササキ 山口 ヤマグチ 松本 マツモト 井上 イノウエ
木村 キムラ 林 ハヤシ 斎藤 サイトウ 清水 シミズ 山崎 ヤマザキ 森 モリ 池田 イケダ 橋本 ハシモト 阿部 アベ
石川 イシカワ 山下 ヤマシタ 中島 ナカジマ 石井 イシイ 小川 オガワ 前田 マエダ 岡田 オカダ 長谷川 ハセガワ
藤田 フジタ 後藤 ゴトウ 近藤 コンドウ 村上 ムラカミ 遠藤 エンドウ 青木 アオキ 坂本 サカモト 斉藤 サイトウ
福田 フクダ 太田 オオタ 西村 ニシムラ 藤井 フジイ 金子 カネコ 岡本 オカモト 藤原 フジワラ 中野 ナカノ
三浦 ミウラ 原田 ハラダ 中川 ナカガワ 松田 マツダ 竹内 タケウチ 小野 オノ 田村 タムラ 中山 ナカヤマ
和田 ワダ 石田 イシダ 森田 モリタ 上田 ウエダ 原 ハラ 内田 ウチダ 柴田 シバタ 酒井 サカイ 宮崎 ミヤザキ
横山 ヨコヤマ 高木 タカギ 安藤 アンドウ 宮本 ミヤモト 大野 オオノ 小島 コジマ 谷口 タニグチ 今井 イマイ
工藤 クドウ 高田 タカダ 増田 マスダ 丸山 マルヤマ 杉山 スギヤマ 村田 ムラタ 大塚 オオツカ 新井 アライ
小山 コヤマ 平野 ヒラノ 藤本 フジモト 河野 コウノ 上野 ウエノ 野口 ノグチ 武田 タケダ 松井 マツイ
千葉 チバ 岩崎 イワサキ 菅原 スガワラ 木下 キノシタ 久保 クボ 佐野 サノ 野村 ノムラ 松尾 マツオ
市川 イチカワ 菊地 キクチ 杉本 スギモト 古川 フルカワ 大西 オオニシ 島田 シマダ 水野 ミズノ 桜井 サクライ
高野 タカノ 渡部 ワタナベ 吉川 ヨシカワ 山内 ヤマウチ 西田 ニシダ 飯田 イイダ 菅野 カンノ 服部 ハットリ
榎本 エノモト 本田 ホンダ 難波 ナンバ 榊原 サカキバラ 新田 ニッタ 北村 キタムラ 東 ヒガシ 堀 ホリ
星野 ホシノ 荻野 オギノ 大竹 オオタケ 本間 ホンマ 神田 カンダ 片山 カタヤマ 日本 ニホン 浅野 アサノ
""")

FEMALE = _pairs("""
花子 ハナコ 陽子 ヨウコ 恵子 ケイコ 美穂 ミホ 由美 ユミ 真由美 マユミ 裕子 ユウコ 直美 ナオミ 智子 トモコ
久美子 クミコ 明美 アケミ 幸子 サチコ 洋子 ヨウコ 京子 キョウコ 愛 アイ 舞 マイ 彩 アヤ 美咲 ミサキ
優子 ユウコ 麻衣 マイ 沙織 サオリ 香織 カオリ 結衣 ユイ 葵 アオイ 陽菜 ヒナ さくら サクラ 美羽 ミウ
七海 ナナミ 千尋 チヒロ 菜々子 ナナコ 遥 ハルカ 彩花 アヤカ 翔子 ショウコ 亜希子 アキコ 奈緒 ナオ
瞳 ヒトミ 恵美 エミ 理恵 リエ 加奈子 カナコ 絵里 エリ 純子 ジュンコ 和子 カズコ 節子 セツコ 静香 シズカ
友美 トモミ 千夏 チナツ 日菜子 ヒナコ 莉子 リコ 美月 ミヅキ 詩織 シオリ
""")

MALE = _pairs("""
太郎 タロウ 一郎 イチロウ 健 ケン 誠 マコト 大輔 ダイスケ 拓也 タクヤ 翔太 ショウタ 健太 ケンタ 直樹 ナオキ
和也 カズヤ 達也 タツヤ 隆 タカシ 浩 ヒロシ 修 オサム 茂 シゲル 勇気 ユウキ 大樹 ダイキ 蓮 レン 悠真 ユウマ
陽翔 ハルト 湊 ミナト 颯太 ソウタ 悠斗 ユウト 翼 ツバサ 亮 リョウ 涼介 リョウスケ 俊介 シュンスケ
健一 ケンイチ 秀樹 ヒデキ 正人 マサト 剛 ツヨシ 聡 サトシ 博之 ヒロユキ 光 ヒカル 慎吾 シンゴ 純一 ジュンイチ
俊一 シュンイチ 康弘 ヤスヒロ 義男 ヨシオ 清 キヨシ 武 タケシ 哲也 テツヤ 賢治 ケンジ 雄一 ユウイチ
裕太 ユウタ 恭平 キョウヘイ 航 ワタル 新太 アラタ 順平 ジュンペイ 信也 シンヤ 真一 シンイチ
""")

# (card form, usual registered form, reading): the card shows the variant (異体字); many registration
# systems cannot hold it, so the customer types the common form.
VARIANT_SURNAMES = [
    ("髙橋", "高橋", "タカハシ"), ("髙木", "高木", "タカギ"), ("髙田", "高田", "タカダ"),
    ("山﨑", "山崎", "ヤマザキ"), ("宮﨑", "宮崎", "ミヤザキ"), ("岩﨑", "岩崎", "イワサキ"),
    ("渡邊", "渡辺", "ワタナベ"), ("渡邉", "渡辺", "ワタナベ"), ("田邊", "田辺", "タナベ"),
    ("齋藤", "斎藤", "サイトウ"), ("濵田", "浜田", "ハマダ"), ("濵口", "浜口", "ハマグチ"),
]

# (card form, registered form, reading): a kanji the registration system refuses is typed in katakana
# (seed 002: 草彅 registered as 草ナギ).
UNREGISTERABLE_SURNAMES = [
    ("草彅", "草ナギ", "クサナギ"),
    ("𠮷田", "ヨシ田", "ヨシダ"),
    ("𠮷川", "ヨシ川", "ヨシカワ"),
    ("𠮷野", "ヨシ野", "ヨシノ"),
]

# Foreign residents: (family, given, katakana as often registered, 国籍・地域 as printed on 在留カード).
FOREIGN = [
    ("NGUYEN", "VAN AN", "グエン ヴァンアン", "ベトナム"), ("TRAN", "THI HOA", "チャン ティホア", "ベトナム"),
    ("PHAM", "MINH DUC", "ファム ミンドゥク", "ベトナム"), ("LE", "THI MAI", "レ ティマイ", "ベトナム"),
    ("WANG", "XIAOMING", "ワン シャオミン", "中国"), ("ZHANG", "WEI", "チャン ウェイ", "中国"),
    ("LI", "NA", "リ ナ", "中国"), ("CHEN", "JIALE", "チェン ジャーラ", "中国"),
    ("KIM", "MINJUN", "キム ミンジュン", "韓国"), ("PARK", "JIYEON", "パク ジヨン", "韓国"),
    ("SANTOS", "MARIA CLARA", "サントス マリアクララ", "フィリピン"), ("REYES", "JOSE", "レイエス ホセ", "フィリピン"),
    ("SILVA", "LUCAS", "シルバ ルーカス", "ブラジル"), ("OLIVEIRA", "ANA", "オリベイラ アナ", "ブラジル"),
    ("SHARMA", "RAHUL", "シャルマ ラフル", "インド"), ("GURUNG", "PRAKASH", "グルン プラカシュ", "ネパール"),
    ("SMITH", "JOHN", "スミス ジョン", "米国"), ("BROWN", "EMILY", "ブラウン エミリー", "英国"),
    ("SARI", "DEWI", "サリ デウィ", "インドネシア"), ("AUNG", "KYAW", "アウン チョー", "ミャンマー"),
]


def make_name(surname: tuple[str, str], given: tuple[str, str]) -> Name:
    s, sk = surname
    g, gk = given
    return Name(s, g, sk, gk, f"{hepburn(sk)} {hepburn(gk)}")


def japanese_name(rng: random.Random, sex: str) -> Name:
    given = rng.choice(FEMALE if sex == "F" else MALE)
    return make_name(rng.choice(SURNAMES), given)


def other_given(rng: random.Random, name: Name, sex: str) -> Name:
    """The same person with a different given name (a controlled name mismatch)."""
    pool = [g for g in (FEMALE if sex == "F" else MALE) if g[0] != name.given and g[1] != name.given_kana]
    g, gk = rng.choice(pool)
    family = name.romaji.split(" ")[0]
    return Name(name.surname, g, name.surname_kana, gk, f"{family} {hepburn(gk)}")


def variant_pair(rng: random.Random, sex: str, unregisterable: bool) -> tuple[Name, Name]:
    """(card name, registered name) for a variant-kanji or unregisterable-kanji surname."""
    card_s, reg_s, kana = rng.choice(UNREGISTERABLE_SURNAMES if unregisterable else VARIANT_SURNAMES)
    g, gk = rng.choice(FEMALE if sex == "F" else MALE)
    card = make_name((card_s, kana), (g, gk))
    # Variant kanji: some customers manage to type the variant; unregisterable ones never can.
    reg_surname = reg_s if unregisterable or rng.random() < 0.75 else card_s
    return card, Name(reg_surname, g, kana, gk, card.romaji)


@dataclass(frozen=True)
class Foreigner:
    name: Name  # surname/given in romaji; kana is the registered katakana
    nationality: str


def foreign_name(rng: random.Random) -> Foreigner:
    fam, given, kana, nat = rng.choice(FOREIGN)
    fk, _, gk = kana.partition(" ")
    return Foreigner(Name(fam, given, fk, gk, f"{fam} {given}"), nat)


def other_foreign_given(rng: random.Random, who: Foreigner) -> Foreigner:
    pool = [f for f in FOREIGN if f[1] != who.name.given]
    _, given, kana, _ = rng.choice(pool)
    gk = kana.partition(" ")[2]
    n = who.name
    return Foreigner(Name(n.surname, given, n.surname_kana, gk, f"{n.surname} {given}"), who.nationality)
