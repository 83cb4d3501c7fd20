"""Pose control frames: people found by an object detector (RT-DETR), their keypoints by ViTPose, drawn."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.conditioning.pose_drawing import draw_pose
from engine.model_hub import ModelError

if TYPE_CHECKING:
    import numpy as np

Person = tuple["np.ndarray", "np.ndarray"]  # keypoints (K, 2) in pixels, scores (K,)


def person_label(config: Any, folder: Path) -> int:
    """The detector's class id for people; ModelError if it has none."""
    for label, name in (config.id2label or {}).items():
        if str(name).lower() == "person":
            return int(label)
    raise ModelError(
        f"The person detector {folder} has no 'person' class; use a COCO detector such as RT-DETR."
    )


class PoseFrames:
    """Turns RGB frames into pose frames, with a detector and a ViTPose model loaded once."""

    def __init__(
        self,
        pose_folder: Path,
        detector_folder: Path,
        person_threshold: float = 0.3,
        keypoint_threshold: float = 0.3,
        device: str = "cpu",
    ) -> None:
        from transformers import AutoImageProcessor, AutoModelForObjectDetection, VitPoseForPoseEstimation

        self.device = device
        detector: Any = AutoModelForObjectDetection.from_pretrained(detector_folder, use_safetensors=True)
        model: Any = VitPoseForPoseEstimation.from_pretrained(pose_folder, use_safetensors=True)
        self.detector: Any = detector.to(device).eval()
        self.model: Any = model.to(device).eval()
        self.detector_processor: Any = AutoImageProcessor.from_pretrained(detector_folder)
        self.processor: Any = AutoImageProcessor.from_pretrained(pose_folder)
        self.label = person_label(self.detector.config, detector_folder)
        self.person_threshold, self.keypoint_threshold = person_threshold, keypoint_threshold

    def people(self, frame: np.ndarray) -> list[Person]:
        """Each person's keypoints and scores in one RGB frame (none when nobody is found)."""
        import torch
        from PIL import Image

        image = Image.fromarray(frame)
        with torch.inference_mode():
            inputs = self.detector_processor(images=image, return_tensors="pt").to(self.device)
            found = self.detector_processor.post_process_object_detection(
                self.detector(**inputs),
                target_sizes=torch.tensor([(image.height, image.width)]),
                threshold=self.person_threshold,
            )[0]
            boxes = found["boxes"][found["labels"] == self.label].cpu().numpy()
            if len(boxes) == 0:
                return []
            boxes[:, 2:] -= boxes[:, :2]  # corners to COCO's (x, y, width, height), as ViTPose takes them
            inputs = self.processor(image, boxes=[boxes], return_tensors="pt").to(self.device)
            poses = self.processor.post_process_pose_estimation(self.model(**inputs), boxes=[boxes])[0]
        return [(pose["keypoints"].cpu().numpy(), pose["scores"].cpu().numpy()) for pose in poses]

    def __call__(self, frame: np.ndarray) -> np.ndarray:
        """The frame's people drawn as skeletons on dark grey, at the frame's size."""
        return draw_pose(frame.shape[0], frame.shape[1], self.people(frame), self.keypoint_threshold)
