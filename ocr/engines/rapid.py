"""RapidOCR (PP-OCRv6 ONNX weights shipped inside the wheel) as an `Engine`; never downloads."""

from __future__ import annotations

import logging
from importlib.metadata import version as _dist_version
from pathlib import Path

import numpy as np

from ocr.engines.base import normalised_box, reading_order
from ocr.models import TextLine

# The wheel's own copies. Naming every path stops rapidocr from resolving a model key to a URL
# and "downloading" it (it would, if a file were missing, instead of failing).
_WEIGHTS = {
    "Det.model_path": "PP-OCRv6_det_small.onnx",
    "Rec.model_path": "PP-OCRv6_rec_small.onnx",
    "Cls.model_path": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
}


def bundled_model_dir() -> Path:
    """The `models/` folder inside the installed rapidocr package (found without importing it)."""
    from importlib.util import find_spec

    spec = find_spec("rapidocr")
    if spec is None or spec.origin is None:
        raise RuntimeError("rapidocr is not installed")
    return Path(spec.origin).parent / "models"


# Measured on an 80-case generated subset, paired against the old settings (960 px, batches of 6)
# run at the same time on the same code (docs/benchmarks/pipeline-speed.md): the same field rates
# at about half the OCR CPU time.
DET_SIDE = 640
# The detector's boxes come out tighter at a lower resolution; a wider unclip gives the recogniser
# back the glyph edges (a lost "4" in 4-24-10, a cut MRZ line at 640 px with 1.6).
UNCLIP_RATIO = 1.8
REC_BATCH = 1


class RapidEngine:
    """PP-OCRv6 small det + rec with the 0/180 line classifier, on onnxruntime's CPU provider."""

    name = "rapidocr"
    # Its 0/180 line classifier marks lines of an upside-down card (TextLine.upside_down).
    classifies_orientation = True

    def __init__(self, threads: int = 1, model_dir: Path | None = None, det_side: int = DET_SIDE,
                 unclip_ratio: float = UNCLIP_RATIO, rec_batch: int = REC_BATCH) -> None:
        model_dir = model_dir or bundled_model_dir()
        params: dict[str, object] = {key: str(model_dir / fname) for key, fname in _WEIGHTS.items()}
        missing = [p for p in params.values() if not Path(str(p)).is_file()]
        if missing:
            raise FileNotFoundError(f"rapidocr weights missing (offline, will not download): {missing}")
        params.update(
            {
                "Global.log_level": "error",
                "EngineConfig.onnxruntime.intra_op_num_threads": threads,
                "EngineConfig.onnxruntime.inter_op_num_threads": 1,
                # onnxruntime's memory arena reuses buffers between runs of varying shape (every
                # line has its own width): about 5% less CPU time.
                "EngineConfig.onnxruntime.enable_cpu_mem_arena": True,
                # Detect on the card scaled to at most det_side px: detection cost grows with the
                # pixel count (960 px took 0.8 s of CPU, 640 px 0.3 s); the recogniser still reads
                # crops of the full-resolution card, so glyphs keep their pixels.
                "Det.limit_type": "max",
                "Det.limit_side_len": det_side,
                "Det.unclip_ratio": unclip_ratio,
                # PaddleOCR pads every batch of lines to the widest one and to at least 320 px. One
                # line per batch, no minimum width: the recogniser sees each line at its own width,
                # a third less work
                # (the padding also changed a few reads, both ways: docs/benchmarks/pipeline-speed.md).
                "Rec.rec_batch_num": rec_batch,
                "Rec.rec_img_shape": [3, 48, 48 if rec_batch == 1 else 320],
            }
        )
        from rapidocr import RapidOCR

        self._ocr = RapidOCR(params=params)
        # rapidocr logs every model path at INFO on its own logger; keep it quiet in workers.
        logging.getLogger("RapidOCR").setLevel(logging.ERROR)
        self.version = _dist_version("rapidocr")
        self.threads = threads

    def read_lines(self, bgr: np.ndarray) -> list[TextLine]:
        ocr = self._ocr
        ocr.update_params(use_det=True, use_cls=True, use_rec=True)
        img, op_record = ocr.preprocess_img(bgr)
        det, cls, rec, crops = ocr.run_ocr_steps(img, op_record)
        # The classifier's verdicts are per detected crop; a card upside down shows as a majority
        # of "180" lines. Turning each line is rapidocr's job; turning the card is the caller's.
        labels = [lab for lab, score in (cls.cls_res or []) if score >= 0.9]
        flipped = len(labels) >= 3 and sum(lab == "180" for lab in labels) > len(labels) / 2
        out = ocr.build_final_output(bgr, det, cls, rec, crops, op_record)
        if getattr(out, "txts", None) is None or getattr(out, "boxes", None) is None:
            return []
        h, w = bgr.shape[:2]
        lines = [
            TextLine(str(txt), normalised_box(np.asarray(box, dtype=float), w, h), float(score), flipped)
            for box, txt, score in zip(out.boxes, out.txts, out.scores, strict=True)
        ]
        return reading_order(lines)

    def read_line(self, bgr_crop: np.ndarray) -> TextLine:
        out = self._ocr(bgr_crop, use_det=False, use_cls=False, use_rec=True)
        txts = getattr(out, "txts", None) or ("",)
        scores = getattr(out, "scores", None) or (0.0,)
        return TextLine(str(txts[0]), (0.0, 0.0, 1.0, 1.0), float(scores[0]))
