<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AppearancePage</name>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Dark suits judging pictures; the system&apos;s choice where it tells one</source>
        <translation>深色更适合审看画面；跟随系统时使用系统给出的选择</translation>
    </message>
    <message>
        <source>The theme changes as soon as you press OK.</source>
        <translation>按下“确定”后主题立即更改。</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
</context>
<context>
    <name>ApplyPresetCommand</name>
    <message>
        <source>Apply Preset “{0}” to Project</source>
        <translation>将预设“{0}”应用到项目</translation>
    </message>
    <message>
        <source>Apply Preset “{0}” to Shot</source>
        <translation>将预设“{0}”应用到镜头</translation>
    </message>
    <message>
        <source>Apply Preset “{0}” to {1} Shots</source>
        <translation>将预设“{0}”应用到 {1} 个镜头</translation>
    </message>
    <message>
        <source>Clear Preset of Project</source>
        <translation>清除项目预设</translation>
    </message>
    <message>
        <source>Clear Preset of Shot</source>
        <translation>清除镜头预设</translation>
    </message>
    <message>
        <source>Clear Preset of {0} Shots</source>
        <translation>清除 {0} 个镜头的预设</translation>
    </message>
</context>
<context>
    <name>BestOfAction</name>
    <message>
        <source>Generate N Takes and Keep the &amp;Best…</source>
        <translation>生成 N 个镜次并保留最佳(&amp;B)…</translation>
    </message>
    <message>
        <source>Make several Draft takes of the selected shot, score them, and use the best one</source>
        <translation>为所选镜头生成多个草稿镜次，逐一评分，并采用最佳的一个</translation>
    </message>
    <message>
        <source>Generate N Takes and Keep the Best</source>
        <translation>生成 N 个镜次并保留最佳</translation>
    </message>
    <message>
        <source>Takes of each selected shot (Draft):</source>
        <translation>每个所选镜头的镜次数（草稿）：</translation>
    </message>
    <message>
        <source>No best take</source>
        <translation>没有最佳镜次</translation>
    </message>
    <message>
        <source>None of the new takes could be ranked: none was scored, or every one was flagged.</source>
        <translation>新镜次都无法排名：没有一个得到评分，或全部被标记。</translation>
    </message>
    <message>
        <source>Keep the Best Take</source>
        <translation>保留最佳镜次</translation>
    </message>
    <message>
        <source>Best Take Chosen</source>
        <translation>已选出最佳镜次</translation>
    </message>
    <message>
        <source>The best of {0} takes scored {1:.0f} and is now used in the film.

Make it Final?</source>
        <translation>{0} 个镜次中最佳的一个得分 {1:.0f}，现已用于影片。

要转为成片吗？</translation>
    </message>
</context>
<context>
    <name>BundledPresets</name>
    <message>
        <source>Monochrome</source>
        <translation>黑白</translation>
    </message>
    <message>
        <source>Black and white with a gentle S-curve; no logo.</source>
        <translation>黑白画面，柔和的 S 曲线；无标志。</translation>
    </message>
    <message>
        <source>Teal and Orange</source>
        <translation>青橙色调</translation>
    </message>
    <message>
        <source>Blockbuster contrast: teal shadows, orange skin tones and highlights.</source>
        <translation>大片式反差：青色暗部，橙色肤色与高光。</translation>
    </message>
    <message>
        <source>Warm Film</source>
        <translation>暖调胶片</translation>
    </message>
    <message>
        <source>Golden 35 mm print look: warm highlights, lifted blacks, a small logo.</source>
        <translation>金色 35 mm 胶片拷贝质感：温暖的高光，提亮的黑位，一个小标志。</translation>
    </message>
</context>
<context>
    <name>CastCard</name>
    <message>
        <source>Character</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>风格</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Add Images…</source>
        <translation>添加图片…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>(no description: the prompt says the name)</source>
        <translation>（无描述：提示词中使用名称）</translation>
    </message>
    <message>
        <source>Drop images here</source>
        <translation>将图片拖放到这里</translation>
    </message>
    <message>
        <source>Cast member {0}, {1}</source>
        <translation>主体 {0}，{1}</translation>
    </message>
    <message>
        <source>{0} reference images; drop image files here to add them</source>
        <translation>{0} 张参考图；将图片文件拖放到这里即可添加</translation>
    </message>
    <message>
        <source>Drop up to {0} PNG, JPEG or WebP images here</source>
        <translation>可在此拖放最多 {0} 张 PNG、JPEG 或 WebP 图片</translation>
    </message>
</context>
<context>
    <name>CastCommands</name>
    <message>
        <source>Add {0} to the Cast</source>
        <translation>将 {0} 加入主体库</translation>
    </message>
    <message>
        <source>Remove {0} from the Cast</source>
        <translation>从主体库移除 {0}</translation>
    </message>
    <message>
        <source>Rename {0} to {1}</source>
        <translation>将 {0} 重命名为 {1}</translation>
    </message>
    <message>
        <source>Edit {0}</source>
        <translation>编辑 {0}</translation>
    </message>
    <message>
        <source>Pin Keyframe at Frame {0}</source>
        <translation>在第 {0} 帧固定关键帧</translation>
    </message>
    <message>
        <source>Remove Keyframe at Frame {0}</source>
        <translation>移除第 {0} 帧的关键帧</translation>
    </message>
</context>
<context>
    <name>CastMemberDialog</name>
    <message>
        <source>Edit Cast Member</source>
        <translation>编辑主体</translation>
    </message>
    <message>
        <source>Add Cast Member</source>
        <translation>添加主体</translation>
    </message>
    <message>
        <source>e.g. Mara, Teapot, 小明</source>
        <translation>例如 小明、茶壶、灯塔</translation>
    </message>
    <message>
        <source>Unique in the film; prompts name the member as @Name</source>
        <translation>在影片中唯一；提示词以 @名称 指代该主体</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>A short description: the prompt sent says it where the prompt says @Name</source>
        <translation>简短描述：发送的提示词会在 @名称 处使用它</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Reference images</source>
        <translation>参考图</translation>
    </message>
    <message>
        <source>Remove Image</source>
        <translation>移除图片</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Give the member a name.</source>
        <translation>请为主体命名。</translation>
    </message>
    <message>
        <source>The film already has a cast member named {0}.</source>
        <translation>影片中已有名为 {0} 的主体。</translation>
    </message>
</context>
<context>
    <name>CastPanel</name>
    <message>
        <source>Add Cast Member…</source>
        <translation>添加主体…</translation>
    </message>
    <message>
        <source>A character, product, place or style that prompts name as @Name</source>
        <translation>提示词以 @名称 指代的角色、产品、场景或风格</translation>
    </message>
    <message>
        <source>No cast yet. Add a character, product, place or style, drop 1–4 reference images on its card, and name it in a shot&apos;s prompt as @Name.</source>
        <translation>还没有主体。添加一个角色、产品、场景或风格，在其卡片上拖放 1–4 张参考图，然后在镜头的提示词中以 @名称 指代它。</translation>
    </message>
</context>
<context>
    <name>CastWiring</name>
    <message>
        <source>Cast</source>
        <translation>主体库</translation>
    </message>
    <message>
        <source>Choose Reference Images</source>
        <translation>选择参考图</translation>
    </message>
    <message>
        <source>Images ({0})</source>
        <translation>图片 ({0})</translation>
    </message>
    <message>
        <source>Adding images to {0}…</source>
        <translation>正在为 {0} 添加图片…</translation>
    </message>
    <message>
        <source>Images not added</source>
        <translation>未添加图片</translation>
    </message>
    <message>
        <source>A cast member has at most {0} reference images.</source>
        <translation>每个主体最多 {0} 张参考图。</translation>
    </message>
    <message>
        <source>Add Images to {0}</source>
        <translation>为 {0} 添加图片</translation>
    </message>
    <message>
        <source>Choose the Image for Frame {0}</source>
        <translation>选择第 {0} 帧的图片</translation>
    </message>
    <message>
        <source>Keyframe not pinned</source>
        <translation>未固定关键帧</translation>
    </message>
    <message>
        <source>Save the project first</source>
        <translation>请先保存项目</translation>
    </message>
    <message>
        <source>Images are copied into the project&apos;s media folder, so the project needs a file name first.</source>
        <translation>图片会复制到项目的媒体文件夹中，因此项目需要先有文件名。</translation>
    </message>
</context>
<context>
    <name>ContinuityWiring</name>
    <message>
        <source>Not added to the timeline</source>
        <translation>未添加到时间线</translation>
    </message>
    <message>
        <source>Choose the Start Image</source>
        <translation>选择起始图像</translation>
    </message>
    <message>
        <source>Choose the End Image</source>
        <translation>选择结束图像</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.webp)</translation>
    </message>
    <message>
        <source>Adding {name} to {shot}…</source>
        <translation>正在将 {name} 添加到 {shot}…</translation>
    </message>
    <message>
        <source>{shot} starts from {name}</source>
        <translation>{shot} 从 {name} 开始</translation>
    </message>
    <message>
        <source>{shot} ends on {name}</source>
        <translation>{shot} 以 {name} 结束</translation>
    </message>
    <message>
        <source>Image not used</source>
        <translation>未使用图像</translation>
    </message>
    <message>
        <source>{shot} starts from frame {frame} of {source}</source>
        <translation>{shot} 从 {source} 的第 {frame} 帧开始</translation>
    </message>
    <message>
        <source>Frame not used</source>
        <translation>未使用该帧</translation>
    </message>
    <message>
        <source>Save the project first</source>
        <translation>请先保存项目</translation>
    </message>
    <message>
        <source>Shot images are copied into the project&apos;s media folder, so the project needs a file name first.</source>
        <translation>镜头图像会复制到项目的媒体文件夹，因此项目需要先有文件名。</translation>
    </message>
</context>
<context>
    <name>ControlBox</name>
    <message>
        <source>Pose (each person&apos;s skeleton)</source>
        <translation>姿态（每个人的骨架）</translation>
    </message>
    <message>
        <source>Depth (near is bright)</source>
        <translation>深度（近处亮）</translation>
    </message>
    <message>
        <source>Edges (outlines)</source>
        <translation>边缘（轮廓线）</translation>
    </message>
    <message>
        <source>Video (the clip&apos;s own frames)</source>
        <translation>视频（片段本身的帧）</translation>
    </message>
    <message>
        <source>Trim (a short clip holds its last frame)</source>
        <translation>裁剪（较短的片段停在最后一帧）</translation>
    </message>
    <message>
        <source>Loop (a short clip starts again)</source>
        <translation>循环（较短的片段从头再来）</translation>
    </message>
    <message>
        <source>Fill (crop to the shot)</source>
        <translation>填充（裁切到镜头画幅）</translation>
    </message>
    <message>
        <source>Fit (black bars)</source>
        <translation>适应（加黑边）</translation>
    </message>
    <message>
        <source>Control clip</source>
        <translation>控制片段</translation>
    </message>
    <message>
        <source>Video File…</source>
        <translation>视频文件…</translation>
    </message>
    <message>
        <source>Follow the motion of a video file (copied into the film&apos;s media)</source>
        <translation>跟随视频文件的运动（复制到影片的媒体文件夹）</translation>
    </message>
    <message>
        <source>Follow the motion of a take of this film</source>
        <translation>跟随本影片某个镜次的运动</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove Control Clip</source>
        <translation>移除控制片段</translation>
    </message>
    <message>
        <source>How closely the shot follows the control (0 to 2; 1 is the model&apos;s own)</source>
        <translation>镜头跟随控制的程度（0 到 2；1 为模型默认）</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>强度</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>长度</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>None: the prompt alone sets the motion.</source>
        <translation>无：运动仅由提示词决定。</translation>
    </message>
    <message>
        <source>Follows {0}</source>
        <translation>跟随 {0}</translation>
    </message>
    <message>
        <source>A take…</source>
        <translation>镜次…</translation>
    </message>
    <message>
        <source>{0} · Take {1}</source>
        <translation>{0} · 镜次 {1}</translation>
    </message>
    <message>
        <source>Edit Control Clip</source>
        <translation>编辑控制片段</translation>
    </message>
    <message>
        <source>Choose a control clip</source>
        <translation>选择控制片段</translation>
    </message>
    <message>
        <source>Checking {0}…</source>
        <translation>正在检查 {0}…</translation>
    </message>
    <message>
        <source>Set Control Clip</source>
        <translation>设置控制片段</translation>
    </message>
</context>
<context>
    <name>ControlModelsBox</name>
    <message>
        <source>Control models (motion from a clip)</source>
        <translation>控制模型（从片段获取运动）</translation>
    </message>
    <message>
        <source>a Hugging Face repo id or a local folder (config.json and .safetensors weights)</source>
        <translation>Hugging Face 仓库 ID 或本地文件夹（含 config.json 和 .safetensors 权重）</translation>
    </message>
    <message>
        <source>None: pose control cannot be used</source>
        <translation>无：无法使用姿态控制</translation>
    </message>
    <message>
        <source>Depth</source>
        <translation>深度</translation>
    </message>
    <message>
        <source>None: depth control cannot be used</source>
        <translation>无：无法使用深度控制</translation>
    </message>
    <message>
        <source>The depth model (Depth Anything V2 or DPT) for depth control: {0}</source>
        <translation>用于深度控制的深度模型（Depth Anything V2 或 DPT）：{0}</translation>
    </message>
    <message>
        <source>Pose</source>
        <translation>姿态</translation>
    </message>
    <message>
        <source>The ViTPose model that finds each person&apos;s joints for pose control: {0}</source>
        <translation>为姿态控制找出每个人关节的 ViTPose 模型：{0}</translation>
    </message>
    <message>
        <source>Person detector</source>
        <translation>人物检测器</translation>
    </message>
    <message>
        <source>The object detector (RT-DETR) that finds the people before their pose: {0}</source>
        <translation>在估计姿态前找出人物的目标检测器（RT-DETR）：{0}</translation>
    </message>
</context>
<context>
    <name>ControlOverlay</name>
    <message>
        <source>Show &amp;Control Frames</source>
        <translation>显示控制帧(&amp;C)</translation>
    </message>
    <message>
        <source>Draw the control frames (pose, depth, edges) the take was made with over it</source>
        <translation>在镜次上叠加显示生成它时所用的控制帧（姿态、深度、边缘）</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Storyreel projects (*{0})</source>
        <translation>Storyreel 项目 (*{0})</translation>
    </message>
    <message>
        <source>Videos (*.mp4 *.mov *.mkv *.webm *.avi *.m4v)</source>
        <translation>视频 (*.mp4 *.mov *.mkv *.webm *.avi *.m4v)</translation>
    </message>
    <message>
        <source>Shot lists (*.txt *.csv)</source>
        <translation>镜头列表 (*.txt *.csv)</translation>
    </message>
    <message>
        <source>OpenTimelineIO (*.otio);;Final Cut Pro X (*.fcpxml);;CMX 3600 EDL (*.edl)</source>
        <translation>OpenTimelineIO (*.otio);;Final Cut Pro X (*.fcpxml);;CMX 3600 EDL (*.edl)</translation>
    </message>
    <message>
        <source>OpenTimelineIO (*.otio)</source>
        <translation>OpenTimelineIO (*.otio)</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>Save the changes to “{0}” before closing?</source>
        <translation>关闭前是否保存对“{0}”的更改？</translation>
    </message>
    <message>
        <source>Your changes will be lost if you don&apos;t save them.</source>
        <translation>如果不保存，你的更改将会丢失。</translation>
    </message>
    <message>
        <source>a project that was never saved</source>
        <translation>一个从未保存过的项目</translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation>恢复未保存的工作</translation>
    </message>
    <message>
        <source>Storyreel found unsaved work on “{0}” from {1}.</source>
        <translation>Storyreel 发现了“{0}”在 {1} 未保存的工作。</translation>
    </message>
    <message>
        <source>It belongs to {0}.
Restore it, or discard it for good?</source>
        <translation>它属于 {0}。
要恢复它，还是永久丢弃？</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>Save Project As</source>
        <translation>项目另存为</translation>
    </message>
    <message>
        <source>Export Timeline</source>
        <translation>导出时间线</translation>
    </message>
    <message>
        <source>Resume generations</source>
        <translation>继续生成</translation>
    </message>
    <message>
        <source>“{0}” had {1} generation(s) queued when it was saved. Queue them again now?</source>
        <translation>“{0}”保存时有 {1} 个生成任务在排队。现在重新加入队列吗？</translation>
    </message>
    <message>
        <source>Open the backup?</source>
        <translation>打开备份？</translation>
    </message>
    <message>
        <source>“{0}” cannot be opened: {1}

Its backup “{2}” (the version saved before) can be. Open the backup? The damaged file is kept as “{0}.damaged”.</source>
        <translation>无法打开“{0}”：{1}

它的备份“{2}”（上一次保存的版本）可以打开。要打开备份吗？损坏的文件将保留为“{0}.damaged”。</translation>
    </message>
    <message>
        <source>Film in use</source>
        <translation>影片正在使用中</translation>
    </message>
    <message>
        <source>“{0}” is open in another Storyreel: {1}.

Open it read-only, or open it anyway (saving here then may overwrite what the other one saves)?</source>
        <translation>“{0}”已在另一个 Storyreel 中打开：{1}。

以只读方式打开，还是仍然打开（之后在这里保存可能会覆盖另一个保存的内容）？</translation>
    </message>
    <message>
        <source>Open Read-Only</source>
        <translation>以只读方式打开</translation>
    </message>
    <message>
        <source>Open Anyway</source>
        <translation>仍然打开</translation>
    </message>
    <message>
        <source>Film changed on disk</source>
        <translation>磁盘上的影片已更改</translation>
    </message>
    <message>
        <source>“{0}” was changed on disk since you opened it (another window or program saved it).

Reload it (your unsaved changes are lost), overwrite it with your version, or save yours under another name?</source>
        <translation>自您打开以来，“{0}”已在磁盘上被更改（另一个窗口或程序保存了它）。

重新载入（未保存的更改将丢失），用您的版本覆盖，还是将您的版本另存为其他名称？</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新载入</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>覆盖</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>An unexpected error stopped it: {error}

The details are in storyreel.log.</source>
        <translation>因意外错误而停止：{error}

详细信息见 storyreel.log。</translation>
    </message>
    <message>
        <source>Sound files (*.wav *.flac *.mp3 *.m4a *.aac *.ogg *.opus)</source>
        <translation>声音文件 (*.wav *.flac *.mp3 *.m4a *.aac *.ogg *.opus)</translation>
    </message>
</context>
<context>
    <name>DirectionActions</name>
    <message>
        <source>E&amp;xtend Take…</source>
        <translation>延长镜次(&amp;X)…</translation>
    </message>
    <message>
        <source>Generate more frames after (or before) the selected shot&apos;s take, continuing its motion</source>
        <translation>在所选镜头的镜次之后（或之前）生成更多帧，延续其运动</translation>
    </message>
    <message>
        <source>Cannot repaint this take</source>
        <translation>无法重绘此镜次</translation>
    </message>
    <message>
        <source>Extend Take</source>
        <translation>延长镜次</translation>
    </message>
    <message>
        <source>Select one shot to extend its take.</source>
        <translation>请选择一个镜头来延长其镜次。</translation>
    </message>
    <message>
        <source>Cannot extend this take</source>
        <translation>无法延长此镜次</translation>
    </message>
    <message>
        <source>Still preparing the previous take…</source>
        <translation>仍在准备上一个镜次…</translation>
    </message>
    <message>
        <source>Preparing the take…</source>
        <translation>正在准备镜次…</translation>
    </message>
    <message>
        <source>Something went wrong; storyreel.log has the details.</source>
        <translation>出错了；详情见 storyreel.log。</translation>
    </message>
</context>
<context>
    <name>DownloadDialog</name>
    <message>
        <source>Download {0}</source>
        <translation>下载 {0}</translation>
    </message>
    <message>
        <source>Checking {0} and the free disk space…</source>
        <translation>正在检查 {0} 和可用磁盘空间…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>{0}/{1} files</source>
        <translation>{0}/{1} 个文件</translation>
    </message>
    <message>
        <source>Downloading {0}: {1} of {2}</source>
        <translation>正在下载 {0}：{1} / {2}</translation>
    </message>
    <message>
        <source>Downloaded {0} to {1}</source>
        <translation>已将 {0} 下载到 {1}</translation>
    </message>
    <message>
        <source>Download cancelled. Downloaded files are kept; it continues where it stopped next time.</source>
        <translation>下载已取消。已下载的文件会保留，下次从中断处继续。</translation>
    </message>
</context>
<context>
    <name>EndpointManager</name>
    <message>
        <source>Inference Endpoint</source>
        <translation>推理端点</translation>
    </message>
    <message>
        <source>wan-studio (lower-case letters, digits, hyphens)</source>
        <translation>wan-studio（小写字母、数字、连字符）</translation>
    </message>
    <message>
        <source>your user (or an organisation)</source>
        <translation>你的用户名（或组织）</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source> min idle</source>
        <translation> 分钟空闲后</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Scale to zero</source>
        <translation>缩容到零</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>State: not checked yet.</source>
        <translation>状态：尚未检查。</translation>
    </message>
    <message>
        <source>Add its URL to the endpoint list</source>
        <translation>将其 URL 添加到端点列表</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>Instance (create)</source>
        <translation>实例（创建时）</translation>
    </message>
    <message>
        <source>Max replicas (create)</source>
        <translation>最大副本数（创建时）</translation>
    </message>
    <message>
        <source>Scale to zero after (create)</source>
        <translation>空闲多久后缩容到零（创建时）</translation>
    </message>
    <message>
        <source>Delete endpoint</source>
        <translation>删除端点</translation>
    </message>
    <message>
        <source>Delete {0} for good? Its model repository stays on the Hub.</source>
        <translation>永久删除 {0}？它的模型仓库仍保留在 Hub 上。</translation>
    </message>
    <message>
        <source>Asking the Hub…</source>
        <translation>正在询问 Hub…</translation>
    </message>
    <message>
        <source>Deleted.</source>
        <translation>已删除。</translation>
    </message>
    <message>
        <source> at {0}</source>
        <translation>，地址 {0}</translation>
    </message>
    <message>
        <source>{0}/{1}: {2}</source>
        <translation>{0}/{1}：{2}</translation>
    </message>
    <message>
        <source>pending (waiting for hardware)</source>
        <translation>等待中（等待硬件）</translation>
    </message>
    <message>
        <source>initializing (loading the model)</source>
        <translation>初始化中（正在加载模型）</translation>
    </message>
    <message>
        <source>updating</source>
        <translation>更新中</translation>
    </message>
    <message>
        <source>update failed</source>
        <translation>更新失败</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>scaled to zero (wakes on the next request)</source>
        <translation>已缩容到零（下一个请求时唤醒）</translation>
    </message>
</context>
<context>
    <name>EnhanceDialog</name>
    <message>
        <source>Enhanced Prompts</source>
        <translation>扩写后的提示词</translation>
    </message>
    <message>
        <source>Shot</source>
        <translation>镜头</translation>
    </message>
    <message>
        <source>As written</source>
        <translation>原文</translation>
    </message>
    <message>
        <source>Enhanced</source>
        <translation>扩写后</translation>
    </message>
    <message>
        <source>Written by the vision-language model, which saw the start image</source>
        <translation>由视觉语言模型看过起始图后写成</translation>
    </message>
    <message>
        <source>Untick a shot to keep its prompt; the enhanced text can be edited. Undo puts them back.</source>
        <translation>取消勾选的镜头保留原提示词；扩写后的文字可以修改。撤销可恢复原样。</translation>
    </message>
    <message>
        <source>Use Ticked Prompts</source>
        <translation>使用勾选的提示词</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>Something went wrong</source>
        <translation>出现错误</translation>
    </message>
    <message>
        <source>{0}

Your project is unchanged on disk. The details were written to {1}.</source>
        <translation>{0}

磁盘上的项目未受影响。详细信息已写入 {1}。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Vertical (1080×1920)</source>
        <translation>竖屏 (1080×1920)</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>自定义…</translation>
    </message>
    <message>
        <source>Fit (keep the film&apos;s shape)</source>
        <translation>适应（保持影片比例）</translation>
    </message>
    <message>
        <source>Fill (crop to the frame)</source>
        <translation>填充（裁切到画幅）</translation>
    </message>
    <message>
        <source>Pad (black bars)</source>
        <translation>加黑边</translation>
    </message>
    <message>
        <source>MOV (ProRes 422, editing master)</source>
        <translation>MOV（ProRes 422，剪辑母版）</translation>
    </message>
    <message>
        <source>Animated GIF</source>
        <translation>GIF 动图</translation>
    </message>
    <message>
        <source>PNG sequence (folder)</source>
        <translation>PNG 序列（文件夹）</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Export Film</source>
        <translation>导出影片</translation>
    </message>
    <message>
        <source>Project ({0}×{1})</source>
        <translation>项目 ({0}×{1})</translation>
    </message>
    <message>
        <source>Project ({0} fps)</source>
        <translation>项目 ({0} fps)</translation>
    </message>
    <message>
        <source>Whole film</source>
        <translation>整部影片</translation>
    </message>
    <message>
        <source>Selected shots ({0})</source>
        <translation>所选镜头 ({0})</translation>
    </message>
    <message>
        <source>None (any audio file FFmpeg reads)</source>
        <translation>无（FFmpeg 可读取的任意音频文件）</translation>
    </message>
    <message>
        <source>Trimmed to the film and faded out at its end; AAC, or Opus in WebM</source>
        <translation>按影片长度裁剪，并在结尾淡出；编码为 AAC，WebM 中为 Opus</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>画幅适配</translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation>帧率</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Music</source>
        <translation>音乐</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>保存到</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Audio (*.mp3 *.m4a *.aac *.wav *.flac *.ogg *.opus);;All files (*)</source>
        <translation>音频 (*.mp3 *.m4a *.aac *.wav *.flac *.ogg *.opus);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export To</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Folder for the PNG Sequence</source>
        <translation>PNG 序列的文件夹</translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written.</source>
        <translation>导出已取消，未写入任何文件。</translation>
    </message>
    <message>
        <source>Exported {0}</source>
        <translation>已导出 {0}</translation>
    </message>
    <message>
        <source>The project has no shots to export.</source>
        <translation>项目中没有可导出的镜头。</translation>
    </message>
    <message>
        <source>Export stopped: the film has flagged takes.</source>
        <translation>导出已停止：影片含有被标记的镜次。</translation>
    </message>
</context>
<context>
    <name>ExportNotice</name>
    <message>
        <source>Export Finished</source>
        <translation>导出完成</translation>
    </message>
    <message>
        <source>The film is ready: {0}</source>
        <translation>影片已完成：{0}</translation>
    </message>
    <message>
        <source>In {0}</source>
        <translation>位于 {0}</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Play the film with the desktop&apos;s video player</source>
        <translation>用桌面的视频播放器播放影片</translation>
    </message>
    <message>
        <source>Show in Folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <source>Open the folder that holds the film</source>
        <translation>打开存放影片的文件夹</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The desktop could not open {0}. The film is in {1}</source>
        <translation>桌面无法打开 {0}。影片位于 {1}</translation>
    </message>
</context>
<context>
    <name>ExportOverrides</name>
    <message>
        <source>Colour grade</source>
        <translation>调色</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>标志</translation>
    </message>
    <message>
        <source>From the shots&apos; style presets; unticked, this export leaves it out</source>
        <translation>来自镜头的风格预设；取消勾选后，本次导出不包含它</translation>
    </message>
    <message>
        <source>As on the timeline</source>
        <translation>按时间线</translation>
    </message>
    <message>
        <source>Include</source>
        <translation>包含</translation>
    </message>
    <message>
        <source>Transitions</source>
        <translation>转场</translation>
    </message>
</context>
<context>
    <name>ExportProgressDialog</name>
    <message>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <source>Preparing {0}…</source>
        <translation>正在准备 {0}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>{0} left</source>
        <translation>剩余 {0}</translation>
    </message>
    <message>
        <source>Frame {0} of {1} · {2:.1f} fps</source>
        <translation>第 {0} 帧，共 {1} 帧 · {2:.1f} fps</translation>
    </message>
</context>
<context>
    <name>ExportWorker</name>
    <message>
        <source>The export stopped on an unexpected error: {0}

The details are in storyreel.log.</source>
        <translation>导出因意外错误而停止：{0}

详细信息见 storyreel.log。</translation>
    </message>
</context>
<context>
    <name>ExtendDialog</name>
    <message>
        <source>Extend Take</source>
        <translation>延长镜次</translation>
    </message>
    <message>
        <source> frames</source>
        <translation> 帧</translation>
    </message>
    <message>
        <source>After the take</source>
        <translation>镜次之后</translation>
    </message>
    <message>
        <source>Before the take</source>
        <translation>镜次之前</translation>
    </message>
    <message>
        <source>The new frames continue from the take&apos;s last (or first) frames, so the motion goes on with its direction and speed. The new take holds the old frames and the new ones.</source>
        <translation>新帧从镜次的最后（或最前）几帧接续，运动保持原有的方向和速度。新镜次包含原有帧和新帧。</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Extend</source>
        <translation>延长</translation>
    </message>
    <message>
        <source>{0} s at {1} fps</source>
        <translation>{0} 秒（{1} fps）</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>Cannot open project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <source>Opened {0}</source>
        <translation>已打开 {0}</translation>
    </message>
    <message>
        <source>Cannot save project</source>
        <translation>无法保存项目</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <source>Cannot restore</source>
        <translation>无法恢复</translation>
    </message>
    <message>
        <source>({0} take(s) have missing media)</source>
        <translation>（{0} 个镜次的媒体缺失）</translation>
    </message>
    <message>
        <source>Restored unsaved work on {0}</source>
        <translation>已恢复“{0}”中未保存的工作</translation>
    </message>
    <message>
        <source>Autosave failed: {0}</source>
        <translation>自动保存失败：{0}</translation>
    </message>
    <message>
        <source>Import Shot List</source>
        <translation>导入镜头列表</translation>
    </message>
    <message>
        <source>Cannot import shot list</source>
        <translation>无法导入镜头列表</translation>
    </message>
    <message>
        <source>Import {0} Shots from {1}</source>
        <translation>从 {1} 导入 {0} 个镜头</translation>
    </message>
    <message>
        <source>Import Videos</source>
        <translation>导入视频</translation>
    </message>
    <message>
        <source>Save the project first</source>
        <translation>请先保存项目</translation>
    </message>
    <message>
        <source>Imported videos are copied into the project&apos;s media folder, so the project needs a file name first.</source>
        <translation>导入的视频会复制到项目的媒体文件夹，因此项目需要先有文件名。</translation>
    </message>
    <message>
        <source>Importing {0} video(s)…</source>
        <translation>正在导入 {0} 个视频…</translation>
    </message>
    <message>
        <source>Import Video</source>
        <translation>导入视频</translation>
    </message>
    <message>
        <source>Import {0} Videos</source>
        <translation>导入 {0} 个视频</translation>
    </message>
    <message>
        <source>Imported {0} video(s)</source>
        <translation>已导入 {0} 个视频</translation>
    </message>
    <message>
        <source>Some videos were not imported</source>
        <translation>部分视频未能导入</translation>
    </message>
    <message>
        <source>another Storyreel</source>
        <translation>另一个 Storyreel</translation>
    </message>
    <message>
        <source>Opened read-only: Save asks for a new name</source>
        <translation>已以只读方式打开：保存时会要求新的文件名</translation>
    </message>
</context>
<context>
    <name>FileField</name>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
</context>
<context>
    <name>FinishingWiring</name>
    <message>
        <source>Add Title &amp;Card</source>
        <translation>添加标题卡(&amp;C)</translation>
    </message>
    <message>
        <source>Add &amp;Lower Third</source>
        <translation>添加下三分之一字幕条(&amp;L)</translation>
    </message>
    <message>
        <source>Add &amp;End Card</source>
        <translation>添加片尾卡(&amp;E)</translation>
    </message>
    <message>
        <source>Edit &amp;Title…</source>
        <translation>编辑标题(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Delete Title or Clip</source>
        <translation>删除标题或片段(&amp;D)</translation>
    </message>
    <message>
        <source>Import &amp;Music…</source>
        <translation>导入音乐(&amp;M)…</translation>
    </message>
    <message>
        <source>Import Sound &amp;Effect…</source>
        <translation>导入音效(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Speak Caption</source>
        <translation>朗读字幕(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Generate Music…</source>
        <translation>生成音乐(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Titles and Sound</source>
        <translation>标题与声音(&amp;T)</translation>
    </message>
    <message>
        <source>Not changed</source>
        <translation>未更改</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名字</translation>
    </message>
    <message>
        <source>Background image</source>
        <translation>背景图片</translation>
    </message>
    <message>
        <source>Move Title</source>
        <translation>移动标题</translation>
    </message>
    <message>
        <source>Import Music</source>
        <translation>导入音乐</translation>
    </message>
    <message>
        <source>Import Sound Effect</source>
        <translation>导入音效</translation>
    </message>
    <message>
        <source>Speak Caption</source>
        <translation>朗读字幕</translation>
    </message>
    <message>
        <source>Select the one shot whose caption is to be spoken.</source>
        <translation>请只选择一个镜头：朗读它的字幕。</translation>
    </message>
    <message>
        <source>Generate Music</source>
        <translation>生成音乐</translation>
    </message>
</context>
<context>
    <name>FlaggedExport</name>
    <message>
        <source>Export Flagged Takes?</source>
        <translation>导出被标记的镜次？</translation>
    </message>
    <message>
        <source>The safety check flagged the takes of {0}.

Export them anyway? Your answer is written to the log.</source>
        <translation>安全检查标记了 {0} 的镜次。

仍要导出吗？你的回答会写入日志。</translation>
    </message>
</context>
<context>
    <name>FrameView</name>
    <message>
        <source>No take to show</source>
        <translation>没有可显示的镜次</translation>
    </message>
</context>
<context>
    <name>FullScreenPreview</name>
    <message>
        <source>&amp;Full-Screen Preview</source>
        <translation>全屏预览(&amp;F)</translation>
    </message>
    <message>
        <source>Show the preview on the whole screen (Esc leaves)</source>
        <translation>在整个屏幕上显示预览（按 Esc 退出）</translation>
    </message>
    <message>
        <source>Leave Full Screen</source>
        <translation>退出全屏</translation>
    </message>
</context>
<context>
    <name>GenerationController</name>
    <message>
        <source>&amp;Generate Selected Shots</source>
        <translation>生成所选镜头(&amp;G)</translation>
    </message>
    <message>
        <source>Queue a new take of each selected shot</source>
        <translation>为每个所选镜头排队生成一个新镜次</translation>
    </message>
    <message>
        <source>Generate All Shots &amp;Without a Take</source>
        <translation>生成所有无镜次的镜头(&amp;W)</translation>
    </message>
    <message>
        <source>Queue a take for every shot that has none (or a failed or missing one)</source>
        <translation>为每个没有镜次（或镜次失败、缺失）的镜头排队生成</translation>
    </message>
    <message>
        <source>&amp;Regenerate with a New Seed</source>
        <translation>用新种子重新生成(&amp;R)</translation>
    </message>
    <message>
        <source>Queue a new take of each selected shot with a fresh random seed</source>
        <translation>用新的随机种子为每个所选镜头排队生成新镜次</translation>
    </message>
    <message>
        <source>&amp;Cancel All Generations</source>
        <translation>取消所有生成(&amp;C)</translation>
    </message>
    <message>
        <source>Cancel every queued and running job</source>
        <translation>取消所有排队中和运行中的任务</translation>
    </message>
    <message>
        <source>&amp;Pause Queue</source>
        <translation>暂停队列(&amp;P)</translation>
    </message>
    <message>
        <source>Start no new jobs until resumed</source>
        <translation>在恢复之前不启动新任务</translation>
    </message>
    <message>
        <source>Cannot generate</source>
        <translation>无法生成</translation>
    </message>
    <message>
        <source>Takes are written beside the film: save it first, then they are generated.</source>
        <translation>镜次会写在影片旁边：请先保存影片，然后再生成。</translation>
    </message>
    <message>
        <source>Queued {0} take(s)</source>
        <translation>已排队 {0} 个镜次</translation>
    </message>
    <message>
        <source>Some shots were not queued</source>
        <translation>部分镜头未能加入队列</translation>
    </message>
    <message>
        <source>The model could not be loaded</source>
        <translation>无法加载模型</translation>
    </message>
    <message>
        <source>{0}

{1}

The other shots for this model were not started.</source>
        <translation>{0}

{1}

使用此模型的其他镜头均未开始。</translation>
    </message>
    <message>
        <source>a shot</source>
        <translation>一个镜头</translation>
    </message>
    <message>
        <source>New take of {0} ({1})</source>
        <translation>{0} 的新镜次（{1}）</translation>
    </message>
</context>
<context>
    <name>GuideViewer</name>
    <message>
        <source>Storyreel Documentation</source>
        <translation>Storyreel 文档</translation>
    </message>
</context>
<context>
    <name>ImageDropTarget</name>
    <message>
        <source>Still images cannot become shots of their own: {names}.
Drop an image on a shot&apos;s card to start that shot from it.</source>
        <translation>静态图像不能单独成为镜头：{names}。
将图像拖放到某个镜头的卡片上，该镜头即从这张图像开始。</translation>
    </message>
    <message>
        <source>Drop one image on a card: it becomes that shot&apos;s start image ({names}).</source>
        <translation>请只将一张图像拖放到卡片上：它会成为该镜头的起始图像（{names}）。</translation>
    </message>
</context>
<context>
    <name>ImageModelField</name>
    <message>
        <source>The film&apos;s model, when it takes an image (TI2V-5B)</source>
        <translation>影片的模型（若它接受图像输入，如 TI2V-5B）</translation>
    </message>
    <message>
        <source>The model for shots with a start image or continuing the previous shot: a Hugging Face repo id or a local diffusers folder. Empty: the film&apos;s model, when it takes an image.</source>
        <translation>用于有起始图像或接续上一个镜头的镜头的模型：Hugging Face 仓库 ID 或本地 diffusers 文件夹。留空：使用影片的模型（若它接受图像输入）。</translation>
    </message>
</context>
<context>
    <name>ImageSlot</name>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>Shot N</source>
        <translation>镜头 N</translation>
    </message>
    <message>
        <source>The shot&apos;s name on the timeline</source>
        <translation>镜头在时间线上的名称</translation>
    </message>
    <message>
        <source>What the camera sees: subject, action, place, light, lens…</source>
        <translation>镜头里看到什么：主体、动作、地点、光线、镜头…</translation>
    </message>
    <message>
        <source>The prompt for this shot (any language)</source>
        <translation>此镜头的提示词（任意语言）</translation>
    </message>
    <message>
        <source>Added to the project&apos;s negative prompt</source>
        <translation>追加到项目的反向提示词</translation>
    </message>
    <message>
        <source>What this shot should avoid, added to the project&apos;s negative prompt</source>
        <translation>此镜头应避免的内容，追加到项目的反向提示词</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>Draw a new seed for every take</source>
        <translation>每个镜次使用新的种子</translation>
    </message>
    <message>
        <source>A fixed seed (0 to {0}) makes takes repeatable</source>
        <translation>固定种子（0 至 {0}）可让镜次重复生成</translation>
    </message>
    <message>
        <source>New Seed</source>
        <translation>新种子</translation>
    </message>
    <message>
        <source>Pick a new random fixed seed</source>
        <translation>随机选一个新的固定种子</translation>
    </message>
    <message>
        <source>Duration; snapped to the nearest valid frame count</source>
        <translation>时长；对齐到最接近的有效帧数</translation>
    </message>
    <message>
        <source>How this shot begins after the previous one (also on the timeline&apos;s right-click)</source>
        <translation>此镜头如何接在上一个镜头之后（也可在时间线右键菜单中设置）</translation>
    </message>
    <message>
        <source>Length of the crossfade, or of the whole fade through black</source>
        <translation>叠化的时长，或整个黑场过渡的时长</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Exactly what the model receives, after the style preset&apos;s template</source>
        <translation>套用风格预设模板后，模型实际收到的内容</translation>
    </message>
    <message>
        <source>Sends</source>
        <translation>发送内容</translation>
    </message>
    <message>
        <source>Transition in</source>
        <translation>入转场</translation>
    </message>
    <message>
        <source>Takes</source>
        <translation>镜次</translation>
    </message>
    <message>
        <source>Select a shot on the timeline to edit it.</source>
        <translation>在时间线上选择一个镜头进行编辑。</translation>
    </message>
    <message>
        <source>{0} shots selected.</source>
        <translation>已选择 {0} 个镜头。</translation>
    </message>
    <message>
        <source>The last generation failed: {0}
Generate the shot again to retry (Ctrl+G); the full details are in storyreel.log.</source>
        <translation>上次生成失败：{0}
再次生成此镜头即可重试（Ctrl+G）；完整信息见 storyreel.log。</translation>
    </message>
    <message>
        <source>Snapped {0} → {1}: Wan makes 4k+1 frames.</source>
        <translation>已将 {0} 对齐为 {1}：Wan 生成 4k+1 帧。</translation>
    </message>
    <message>
        <source>Snapped {0:g} s → {1}: Wan makes 4k+1 frames.</source>
        <translation>已将 {0:g} 秒对齐为 {1}：Wan 生成 4k+1 帧。</translation>
    </message>
    <message>
        <source>{0} frames = {1:.2f} s</source>
        <translation>{0} 帧 = {1:.2f} 秒</translation>
    </message>
    <message>
        <source>{0} at {1} fps</source>
        <translation>{0}，{1} fps</translation>
    </message>
    <message>
        <source>{0} (missing from the project: apply it again)</source>
        <translation>{0}（项目中缺失：请重新应用）</translation>
    </message>
    <message>
        <source>{0} (project default)</source>
        <translation>{0}（项目默认）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Preset: {0}&lt;br&gt;Prompt: &lt;i&gt;{1}&lt;/i&gt;&lt;br&gt;Negative: &lt;i&gt;{2}&lt;/i&gt;</source>
        <translation>预设：{0}&lt;br&gt;提示词：&lt;i&gt;{1}&lt;/i&gt;&lt;br&gt;反向：&lt;i&gt;{2}&lt;/i&gt;</translation>
    </message>
    <message>
        <source>⚠ No cast member is named {0}: add it in the Cast dock or correct the name.</source>
        <translation>⚠ 没有名为 {0} 的主体：请在主体库中添加，或更正名称。</translation>
    </message>
</context>
<context>
    <name>KeyframesBox</name>
    <message>
        <source>Keyframes</source>
        <translation>关键帧</translation>
    </message>
    <message>
        <source>Pinned frames</source>
        <translation>已固定的帧</translation>
    </message>
    <message>
        <source>frame </source>
        <translation>帧 </translation>
    </message>
    <message>
        <source>Frame to pin</source>
        <translation>要固定的帧</translation>
    </message>
    <message>
        <source>Where the next image is pinned: 0 is the first frame</source>
        <translation>下一张图片固定的位置：0 为第一帧</translation>
    </message>
    <message>
        <source>Pin Image…</source>
        <translation>固定图片…</translation>
    </message>
    <message>
        <source>Choose an image to pin at this frame (or drop one on this box)</source>
        <translation>选择要固定在此帧的图片（或将图片拖放到此框）</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Unpin the selected keyframe</source>
        <translation>取消固定所选关键帧</translation>
    </message>
    <message>
        <source>Pinned frames are made on the reference model (Project Settings &gt; Reference model).</source>
        <translation>固定了帧的镜头由参考模型生成（项目设置 &gt; 参考模型）。</translation>
    </message>
    <message>
        <source>Frame {0}</source>
        <translation>第 {0} 帧</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>high-noise</source>
        <translation>高噪声</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation>帧率</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>帧数</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Guidance (high)</source>
        <translation>引导系数（高）</translation>
    </message>
    <message>
        <source>Guidance (low)</source>
        <translation>引导系数（低）</translation>
    </message>
    <message>
        <source>Negative prompt</source>
        <translation>反向提示词</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Cut</source>
        <translation>硬切</translation>
    </message>
    <message>
        <source>Crossfade</source>
        <translation>叠化</translation>
    </message>
    <message>
        <source>Fade Through Black</source>
        <translation>黑场过渡</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>loading model</source>
        <translation>加载模型中</translation>
    </message>
    <message>
        <source>loading</source>
        <translation>加载中</translation>
    </message>
    <message>
        <source>generating</source>
        <translation>生成中</translation>
    </message>
    <message>
        <source>decoding</source>
        <translation>解码中</translation>
    </message>
    <message>
        <source>encoding</source>
        <translation>编码中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>no take</source>
        <translation>无镜次</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>outdated</source>
        <translation>已过时</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>low-noise</source>
        <translation>低噪声</translation>
    </message>
    <message>
        <source>both</source>
        <translation>两者</translation>
    </message>
    <message>
        <source>Shot {0}</source>
        <translation>镜头 {0}</translation>
    </message>
    <message>
        <source>This machine generates on a remote endpoint, which holds its own model.</source>
        <translation>本机在远程端点上生成，端点使用其自身的模型。</translation>
    </message>
    <message>
        <source>This machine generates with {0} (Preferences &gt; Model), not the film&apos;s model {1}: the machine&apos;s model, when set, comes first on this computer.</source>
        <translation>本机使用 {0}（首选项 &gt; 模型）生成，而不是影片的模型 {1}：在这台电脑上，设置了本机模型时优先使用本机模型。</translation>
    </message>
    <message>
        <source>This machine generates with the film&apos;s model, {0} (Preferences &gt; Model leaves it).</source>
        <translation>本机使用影片的模型 {0} 生成（首选项 &gt; 模型中未另行设置）。</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <source>System ({0})</source>
        <translation>跟随系统（{0}）</translation>
    </message>
    <message>
        <source>The language of menus, dialogs and messages</source>
        <translation>菜单、对话框和消息所用的语言</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Restart Storyreel to see the new language.</source>
        <translation>重新启动 Storyreel 后显示新的语言。</translation>
    </message>
</context>
<context>
    <name>LongTask</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>MainToolbar</name>
    <message>
        <source>Main Toolbar</source>
        <translation>主工具栏</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Not added to the timeline</source>
        <translation>未添加到时间线</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Presets</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <source>{0} shots · {1} · {2}×{3} @ {4} fps</source>
        <translation>{0} 个镜头 · {1} · {2}×{3} @ {4} fps</translation>
    </message>
</context>
<context>
    <name>MakeFinal</name>
    <message>
        <source>No selected shot has a Draft take to make final</source>
        <translation>所选镜头中没有可转为成片的草稿镜次</translation>
    </message>
    <message>
        <source>Make Final</source>
        <translation>转为成片</translation>
    </message>
    <message>
        <source>Make &amp;Final</source>
        <translation>转为成片(&amp;F)</translation>
    </message>
    <message>
        <source>Generate each selected Draft take again at Final, with the same seed and prompt</source>
        <translation>以相同的种子和提示词，按成片质量重新生成每个所选的草稿镜次</translation>
    </message>
</context>
<context>
    <name>MaskBar</name>
    <message>
        <source>&amp;Paint Mask</source>
        <translation>绘制蒙版(&amp;P)</translation>
    </message>
    <message>
        <source>Paint over the part of the take to repaint (white is repainted)</source>
        <translation>在镜次上涂出要重绘的部分（白色部分将被重绘）</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>画笔</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>矩形</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>Brush size in pixels of the take</source>
        <translation>画笔大小（以镜次的像素计）</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Invert</source>
        <translation>反转</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Clear the painted mask, or drop the mask clip and paint again</source>
        <translation>清除绘制的蒙版，或移除蒙版片段后重新绘制</translation>
    </message>
    <message>
        <source>Load Mask Clip…</source>
        <translation>载入蒙版片段…</translation>
    </message>
    <message>
        <source>Repaint with a mask that follows the frames: a video at the take&apos;s size and length</source>
        <translation>用逐帧跟随的蒙版重绘：与镜次尺寸和长度相同的视频</translation>
    </message>
    <message>
        <source>Repaint…</source>
        <translation>重绘…</translation>
    </message>
    <message>
        <source>Make a new take with the painted part generated again</source>
        <translation>生成一个新镜次，重新生成涂出的部分</translation>
    </message>
    <message>
        <source>Choose a mask clip</source>
        <translation>选择蒙版片段</translation>
    </message>
    <message>
        <source>Checking {0}…</source>
        <translation>正在检查 {0}…</translation>
    </message>
    <message>
        <source>Mask clip: {0}</source>
        <translation>蒙版片段：{0}</translation>
    </message>
</context>
<context>
    <name>MentionCompleter</name>
    <message>
        <source>Cast members</source>
        <translation>主体</translation>
    </message>
</context>
<context>
    <name>ModelCheck</name>
    <message>
        <source>Cannot generate: the model cannot be used</source>
        <translation>无法生成：模型不可用</translation>
    </message>
</context>
<context>
    <name>ModelChoiceDialog</name>
    <message>
        <source>Choose a model</source>
        <translation>选择模型</translation>
    </message>
    <message>
        <source>Cannot generate: the model cannot be used.</source>
        <translation>无法生成：模型不可用。</translation>
    </message>
    <message>
        <source>{0}

Choose a model folder, download one, or try the demo model.</source>
        <translation>{0}

请选择一个模型文件夹、下载一个模型，或试用演示模型。</translation>
    </message>
    <message>
        <source>Choose a Folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>Download…</source>
        <translation>下载…</translation>
    </message>
    <message>
        <source>Use the Demo Model</source>
        <translation>使用演示模型</translation>
    </message>
</context>
<context>
    <name>ModelChoices</name>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Model: remote endpoint · device: the endpoint&apos;s</source>
        <translation>模型：远程端点 · 设备：端点的设备</translation>
    </message>
    <message>
        <source>Model: {0} (not downloaded) · device: {1}</source>
        <translation>模型：{0}（未下载） · 设备：{1}</translation>
    </message>
    <message>
        <source>Model: {0} (cannot be used: {1}) · device: {2}</source>
        <translation>模型：{0}（不可用：{1}） · 设备：{2}</translation>
    </message>
    <message>
        <source>Model: {0} · device: {1}</source>
        <translation>模型：{0} · 设备：{1}</translation>
    </message>
    <message>
        <source>Choose a model folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <source>This folder cannot be used</source>
        <translation>无法使用此文件夹</translation>
    </message>
    <message>
        <source>Download a model</source>
        <translation>下载模型</translation>
    </message>
    <message>
        <source>Hub repo id</source>
        <translation>Hub 仓库 ID</translation>
    </message>
    <message>
        <source>The demo model could not be built</source>
        <translation>无法构建演示模型</translation>
    </message>
    <message>
        <source>{0}
Details are in storyreel.log.</source>
        <translation>{0}
详细信息见 storyreel.log。</translation>
    </message>
</context>
<context>
    <name>ModelRow</name>
    <message>
        <source>revision (default: main)</source>
        <translation>修订版本（默认：main）</translation>
    </message>
    <message>
        <source>A branch, tag or commit of the model&apos;s repo</source>
        <translation>模型仓库的分支、标签或提交</translation>
    </message>
    <message>
        <source>{0} revision</source>
        <translation>{0}修订版本</translation>
    </message>
</context>
<context>
    <name>ModelSettingsPage</name>
    <message>
        <source>None (whole model on the device)</source>
        <translation>无（整个模型放在设备上）</translation>
    </message>
    <message>
        <source>Model CPU offload (one component on the GPU at a time)</source>
        <translation>模型 CPU 卸载（每次只有一个组件在 GPU 上）</translation>
    </message>
    <message>
        <source>Group offload (blocks stream to the GPU; overlaps transfers)</source>
        <translation>分组卸载（按块流式传到 GPU；传输与计算重叠）</translation>
    </message>
    <message>
        <source>Sequential offload (lowest memory, slowest)</source>
        <translation>顺序卸载（内存最低，速度最慢）</translation>
    </message>
    <message>
        <source>Empty: each project&apos;s own model is used.</source>
        <translation>留空：使用每个项目自己的模型。</translation>
    </message>
    <message>
        <source>A Hugging Face repo id: downloaded into the Hugging Face cache when first used.</source>
        <translation>Hugging Face 仓库 ID：首次使用时下载到 Hugging Face 缓存。</translation>
    </message>
    <message>
        <source>{0} is not a folder, and not a repo id like &apos;Wan-AI/Wan2.2-T2V-A14B-Diffusers&apos;.</source>
        <translation>{0} 不是文件夹，也不是形如“Wan-AI/Wan2.2-T2V-A14B-Diffusers”的仓库 ID。</translation>
    </message>
    <message>
        <source>A diffusers Wan model folder.</source>
        <translation>一个 diffusers 格式的 Wan 模型文件夹。</translation>
    </message>
    <message>
        <source>Local (this computer)</source>
        <translation>本地（这台电脑）</translation>
    </message>
    <message>
        <source>Remote endpoint (see the Remote tab)</source>
        <translation>远程端点（见“远程”选项卡）</translation>
    </message>
    <message>
        <source>Where takes are generated</source>
        <translation>镜次在哪里生成</translation>
    </message>
    <message>
        <source>the project&apos;s model, e.g. Wan-AI/Wan2.2-T2V-A14B-Diffusers</source>
        <translation>项目的模型，例如 Wan-AI/Wan2.2-T2V-A14B-Diffusers</translation>
    </message>
    <message>
        <source>A Hugging Face repo id, or a local folder holding a diffusers Wan model</source>
        <translation>Hugging Face 仓库 ID，或存放 diffusers 格式 Wan 模型的本地文件夹</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <source>Download…</source>
        <translation>下载…</translation>
    </message>
    <message>
        <source>Download the repo into the Hugging Face cache now</source>
        <translation>立即将仓库下载到 Hugging Face 缓存</translation>
    </message>
    <message>
        <source>Automatic (CUDA if present, else CPU)</source>
        <translation>自动（有 CUDA 时用 CUDA，否则用 CPU）</translation>
    </message>
    <message>
        <source>Automatic (bfloat16 on GPU, float32 on CPU)</source>
        <translation>自动（GPU 上用 bfloat16，CPU 上用 float32）</translation>
    </message>
    <message>
        <source>Offloading needs a GPU; it trades speed for memory</source>
        <translation>卸载需要 GPU；以速度换取内存</translation>
    </message>
    <message>
        <source>Decode in tiles (VAE tiling: less memory for large frames)</source>
        <translation>分块解码（VAE 分块：大画面更省内存）</translation>
    </message>
    <message>
        <source>Backend</source>
        <translation>后端</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>Memory profile</source>
        <translation>内存方案</translation>
    </message>
    <message>
        <source>None: export --motion interpolate uses optical flow</source>
        <translation>无：export --motion interpolate 使用光流</translation>
    </message>
    <message>
        <source>The learned interpolator of exports at a higher frame rate: RIFE 4.22-4.26 IFNet weights in safetensors, as a file, a local folder or a Hugging Face repo id</source>
        <translation>以更高帧率导出时使用的学习型插帧模型：safetensors 格式的 RIFE 4.22-4.26 IFNet 权重，可为文件、本地文件夹或 Hugging Face 仓库 ID</translation>
    </message>
    <message>
        <source>Interpolator</source>
        <translation>插帧模型</translation>
    </message>
    <message>
        <source>Choose a model folder</source>
        <translation>选择模型文件夹</translation>
    </message>
</context>
<context>
    <name>NewFilm</name>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>{0}×{1}, {2} frames, {3} steps</source>
        <translation>{0}×{1}，{2} 帧，{3} 步</translation>
    </message>
    <message>
        <source>the demo model makes small test clips</source>
        <translation>演示模型只生成小尺寸的测试片段</translation>
    </message>
    <message>
        <source>this machine has no GPU</source>
        <translation>本机没有 GPU</translation>
    </message>
    <message>
        <source>This film starts small ({0}): {1}. Change it in File &gt; Project Settings.</source>
        <translation>这部影片以小尺寸开始（{0}）：{1}。可在 文件 &gt; 项目设置 中更改。</translation>
    </message>
</context>
<context>
    <name>NextShotStartAction</name>
    <message>
        <source>Use This Frame as the Next Shot&apos;s Start</source>
        <translation>将此帧用作下一个镜头的起始帧</translation>
    </message>
    <message>
        <source>Show a take&apos;s frame in the preview first</source>
        <translation>请先在预览中显示某个镜次的帧</translation>
    </message>
    <message>
        <source>This is the last shot: add a shot after it to continue from this frame</source>
        <translation>这是最后一个镜头：在它之后添加一个镜头，才能从这一帧接续</translation>
    </message>
    <message>
        <source>The next shot starts from this exact frame (it no longer continues by itself)</source>
        <translation>下一个镜头从这一帧开始（不再自动接续）</translation>
    </message>
</context>
<context>
    <name>OutdatedAction</name>
    <message>
        <source>No shot is outdated: every take matches its shot</source>
        <translation>没有过时的镜头：每个镜次都与其镜头一致</translation>
    </message>
    <message>
        <source>Regenerate &amp;Outdated Shots</source>
        <translation>重新生成过时的镜头(&amp;O)</translation>
    </message>
    <message>
        <source>Queue a new take of every shot whose prompt, settings or preset changed since its take</source>
        <translation>为提示词、设置或预设在镜次生成后有改动的每个镜头排队生成新镜次</translation>
    </message>
</context>
<context>
    <name>PinFrameAction</name>
    <message>
        <source>Pin This Frame as a Keyframe</source>
        <translation>将此帧固定为关键帧</translation>
    </message>
    <message>
        <source>Keep this frame where it is when the shot is made again (on the reference model)</source>
        <translation>重新生成镜头时保留此帧的位置（使用参考模型）</translation>
    </message>
    <message>
        <source>Show a take&apos;s frame in the preview first</source>
        <translation>请先在预览中显示某个镜次的帧</translation>
    </message>
</context>
<context>
    <name>PlaybackActions</name>
    <message>
        <source>&amp;Play / Pause</source>
        <translation>播放 / 暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Play or pause the preview (Space)</source>
        <translation>播放或暂停预览（空格）</translation>
    </message>
    <message>
        <source>Preview the Whole &amp;Film</source>
        <translation>预览整部影片(&amp;F)</translation>
    </message>
    <message>
        <source>Play the whole film in timeline order instead of the selected shot</source>
        <translation>按时间线顺序播放整部影片，而不是所选镜头</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Seconds between autosaves to a recovery file (Off: never)</source>
        <translation>自动保存到恢复文件的间隔秒数（关闭：从不）</translation>
    </message>
    <message>
        <source>Reopen the last film at start</source>
        <translation>启动时重新打开上一部影片</translation>
    </message>
    <message>
        <source>Autosave every</source>
        <translation>自动保存间隔</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Writing</source>
        <translation>写作</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Remote</source>
        <translation>远程</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>评审</translation>
    </message>
    <message>
        <source>Sound</source>
        <translation>声音</translation>
    </message>
</context>
<context>
    <name>PresetDialog</name>
    <message>
        <source>top-left</source>
        <translation>左上</translation>
    </message>
    <message>
        <source>top-right</source>
        <translation>右上</translation>
    </message>
    <message>
        <source>bottom-left</source>
        <translation>左下</translation>
    </message>
    <message>
        <source>bottom-right</source>
        <translation>右下</translation>
    </message>
    <message>
        <source>Edit Preset</source>
        <translation>编辑预设</translation>
    </message>
    <message>
        <source>New Preset</source>
        <translation>新建预设</translation>
    </message>
    <message>
        <source>New preset</source>
        <translation>新预设</translation>
    </message>
    <message>
        <source>The prompt sent to the model; {0} stands for the shot&apos;s prompt</source>
        <translation>发送给模型的提示词；{0} 代表镜头的提示词</translation>
    </message>
    <message>
        <source>Joined with each shot&apos;s own negative prompt</source>
        <translation>与每个镜头自己的反向提示词合并</translation>
    </message>
    <message>
        <source>LoRA file (.safetensors)</source>
        <translation>LoRA 文件 (.safetensors)</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Expert</source>
        <translation>专家</translation>
    </message>
    <message>
        <source>Add LoRA…</source>
        <translation>添加 LoRA…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Choose a LUT</source>
        <translation>选择 LUT</translation>
    </message>
    <message>
        <source>Cube LUTs (*.cube)</source>
        <translation>Cube LUT (*.cube)</translation>
    </message>
    <message>
        <source>Choose a logo</source>
        <translation>选择标志</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Project&apos;s</source>
        <translation>项目的</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Prompt template</source>
        <translation>提示词模板</translation>
    </message>
    <message>
        <source>LoRA adapters</source>
        <translation>LoRA 适配器</translation>
    </message>
    <message>
        <source>Look (applied at preview and export; never needs a new take)</source>
        <translation>画面风格（在预览和导出时应用；无需重新生成镜次）</translation>
    </message>
    <message>
        <source>Grade LUT</source>
        <translation>调色 LUT</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>强度</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>标志</translation>
    </message>
    <message>
        <source>Corner</source>
        <translation>角落</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>边距</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <source>Default generation settings</source>
        <translation>默认生成设置</translation>
    </message>
    <message>
        <source>Choose a LoRA</source>
        <translation>选择 LoRA</translation>
    </message>
    <message>
        <source>LoRA (*.safetensors)</source>
        <translation>LoRA (*.safetensors)</translation>
    </message>
</context>
<context>
    <name>PresetsPanel</name>
    <message>
        <source>Apply to Project</source>
        <translation>应用到项目</translation>
    </message>
    <message>
        <source>Use for every shot without its own preset</source>
        <translation>用于每个没有自己预设的镜头</translation>
    </message>
    <message>
        <source>Apply to Selected Shots</source>
        <translation>应用到所选镜头</translation>
    </message>
    <message>
        <source>Override the project&apos;s preset for these shots</source>
        <translation>为这些镜头覆盖项目的预设</translation>
    </message>
    <message>
        <source>Clear Shot Override</source>
        <translation>清除镜头覆盖</translation>
    </message>
    <message>
        <source>Selected shots follow the project&apos;s preset again</source>
        <translation>所选镜头重新使用项目的预设</translation>
    </message>
    <message>
        <source>No Project Preset</source>
        <translation>不使用项目预设</translation>
    </message>
    <message>
        <source>Shots without their own preset use none</source>
        <translation>没有自己预设的镜头不使用预设</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <source>Create a preset</source>
        <translation>创建预设</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the selected preset (bundled ones too)</source>
        <translation>复制所选预设（内置预设也可以）</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Change the selected preset (bundled ones are read-only)</source>
        <translation>修改所选预设（内置预设为只读）</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the selected preset from your library</source>
        <translation>从你的预设库中删除所选预设</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Add a .reelstyle file to your library</source>
        <translation>将 .reelstyle 文件添加到你的预设库</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the selected preset as one .reelstyle file</source>
        <translation>将所选预设保存为一个 .reelstyle 文件</translation>
    </message>
    <message>
        <source>(bundled)</source>
        <translation>（内置）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Project preset: {0} · {1} shot override(s)</source>
        <translation>项目预设：{0} · {1} 个镜头覆盖</translation>
    </message>
    <message>
        <source>Presets</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>The film already has cast members named {0}; it keeps its own, not the preset&apos;s.</source>
        <translation>影片中已有名为 {0} 的主体，保留影片自己的，不用预设中的。</translation>
    </message>
    <message>
        <source>Import Preset</source>
        <translation>导入预设</translation>
    </message>
    <message>
        <source>Storyreel presets (*.reelstyle)</source>
        <translation>Storyreel 预设 (*.reelstyle)</translation>
    </message>
    <message>
        <source>Export Preset</source>
        <translation>导出预设</translation>
    </message>
</context>
<context>
    <name>PreviewPlayer</name>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Shot</source>
        <translation>镜头</translation>
    </message>
    <message>
        <source>Film</source>
        <translation>影片</translation>
    </message>
    <message>
        <source>Play the selected shot&apos;s take, or the whole film in timeline order</source>
        <translation>播放所选镜头的镜次，或按时间线顺序播放整部影片</translation>
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation>播放 / 暂停（空格）</translation>
    </message>
    <message>
        <source>Previous frame (Left)</source>
        <translation>上一帧（左方向键）</translation>
    </message>
    <message>
        <source>Next frame (Right)</source>
        <translation>下一帧（右方向键）</translation>
    </message>
    <message>
        <source>Scrub</source>
        <translation>拖动定位</translation>
    </message>
    <message>
        <source>Timecode (hours:minutes:seconds:frames) and frame number</source>
        <translation>时间码（时:分:秒:帧）和帧号</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>循环</translation>
    </message>
    <message>
        <source>TC {0} · Frame {1}</source>
        <translation>时间码 {0} · 第 {1} 帧</translation>
    </message>
    <message>
        <source>{0}×</source>
        <translation>{0}×</translation>
    </message>
    <message>
        <source>This shot has no take yet: generate it (Ctrl+G) to see it here.</source>
        <translation>此镜头还没有镜次：生成它（Ctrl+G）即可在此查看。</translation>
    </message>
    <message>
        <source>This take cannot be read: {0}</source>
        <translation>无法读取此镜次：{0}</translation>
    </message>
    <message>
        <source>Select a shot on the timeline to preview it, or preview the whole film.</source>
        <translation>在时间线上选择一个镜头进行预览，或预览整部影片。</translation>
    </message>
    <message>
        <source>No shots yet: the film plays here once its shots have takes.</source>
        <translation>还没有镜头：镜头有了镜次后，影片会在这里播放。</translation>
    </message>
</context>
<context>
    <name>ProjectSettingsDialog</name>
    <message>
        <source>Project Settings</source>
        <translation>项目设置</translation>
    </message>
    <message>
        <source>A Hugging Face repo id or a local diffusers folder</source>
        <translation>Hugging Face 仓库 ID 或本地 diffusers 文件夹</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Preferences &gt; Model…</source>
        <translation>首选项 &gt; 模型…</translation>
    </message>
    <message>
        <source>Image model</source>
        <translation>图像模型</translation>
    </message>
    <message>
        <source>Reference model</source>
        <translation>参考模型</translation>
    </message>
    <message>
        <source>Film</source>
        <translation>影片</translation>
    </message>
    <message>
        <source>Default generation settings</source>
        <translation>默认生成设置</translation>
    </message>
</context>
<context>
    <name>ProposalDialog</name>
    <message>
        <source>New From Script</source>
        <translation>从剧本新建</translation>
    </message>
    <message>
        <source>a .txt, .md or .fountain file (or type a brief below)</source>
        <translation>.txt、.md 或 .fountain 文件（或在下方输入简要说明）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>A 30-second ad for Sakura tea, three scenes, warm</source>
        <translation>樱花茶 30 秒广告，三个场景，暖色调</translation>
    </message>
    <message>
        <source>A Hub repo id, a folder, or an OpenAI-compatible chat URL (Preferences &gt; Writing)</source>
        <translation>Hub 仓库名、文件夹，或兼容 OpenAI 的对话 URL（首选项 &gt; 写作）</translation>
    </message>
    <message>
        <source>The script&apos;s</source>
        <translation>与剧本相同</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>Propose Shots</source>
        <translation>生成镜头方案</translation>
    </message>
    <message>
        <source>Script file</source>
        <translation>剧本文件</translation>
    </message>
    <message>
        <source>Or a brief</source>
        <translation>或简要说明</translation>
    </message>
    <message>
        <source>Language model</source>
        <translation>语言模型</translation>
    </message>
    <message>
        <source>Prompts in</source>
        <translation>提示词语言</translation>
    </message>
    <message>
        <source>Propose shots to review them here: edit any cell, untick the rows to leave out.</source>
        <translation>生成镜头方案后在此审阅：可修改任意单元格，取消勾选不要的行。</translation>
    </message>
    <message>
        <source>Accept All</source>
        <translation>全部采用</translation>
    </message>
    <message>
        <source>Accept Ticked</source>
        <translation>采用勾选的</translation>
    </message>
    <message>
        <source>{0} shots proposed by {1}. Edit any cell; untick the rows to leave out.</source>
        <translation>{1} 提出了 {0} 个镜头。可修改任意单元格，取消勾选不要的行。</translation>
    </message>
</context>
<context>
    <name>ProposalModel</name>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>运镜</translation>
    </message>
    <message>
        <source>Cast</source>
        <translation>主体</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>字幕</translation>
    </message>
    <message>
        <source>{0:g} s ({1} frames)</source>
        <translation>{0:g} 秒（{1} 帧）</translation>
    </message>
    <message>
        <source>not in the cast: {0}</source>
        <translation>不在主体库中：{0}</translation>
    </message>
</context>
<context>
    <name>QueueDock</name>
    <message>
        <source>Generations wait and run here, one after another: select shots and press Generate.</source>
        <translation>生成任务在这里排队并依次运行：选择镜头，然后按“生成”。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel the selected job (a running one stops within a step)</source>
        <translation>取消所选任务（运行中的任务会在一步之内停止）</translation>
    </message>
    <message>
        <source>Cancel All</source>
        <translation>全部取消</translation>
    </message>
    <message>
        <source>Cancel every queued and running job</source>
        <translation>取消所有排队中和运行中的任务</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Queue the selected failed or cancelled job again</source>
        <translation>将所选的失败或已取消任务重新加入队列</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove the selected finished or queued job from the list</source>
        <translation>从列表中移除所选的已结束或排队中的任务</translation>
    </message>
    <message>
        <source>Clear Finished</source>
        <translation>清除已结束</translation>
    </message>
    <message>
        <source>Remove every done, failed and cancelled job from the list</source>
        <translation>从列表中移除所有已完成、失败和已取消的任务</translation>
    </message>
    <message>
        <source>Move the selected job earlier in the queue</source>
        <translation>将所选任务在队列中前移</translation>
    </message>
    <message>
        <source>Move the selected job later in the queue</source>
        <translation>将所选任务在队列中后移</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Pause the queue (the running job finishes) / resume it</source>
        <translation>暂停队列（运行中的任务会完成）/ 恢复队列</translation>
    </message>
    <message>
        <source>No generations yet. Generate shots with Ctrl+G.</source>
        <translation>还没有生成任务。按 Ctrl+G 生成镜头。</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>The queue is empty.</source>
        <translation>队列为空。</translation>
    </message>
    <message>
        <source>{0} of {1} done</source>
        <translation>已完成 {0}/{1}</translation>
    </message>
    <message>
        <source>{0} failed</source>
        <translation>{0} 个失败</translation>
    </message>
    <message>
        <source>{0} done, {1} failed, {2} to go</source>
        <translation>{0} 个完成，{1} 个失败，还剩 {2} 个</translation>
    </message>
    <message>
        <source>about {0} left</source>
        <translation>约剩 {0}</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>step {0}/{1}</source>
        <translation>第 {0}/{1} 步</translation>
    </message>
    <message>
        <source>Shot</source>
        <translation>镜头</translation>
    </message>
    <message>
        <source>Take</source>
        <translation>镜次</translation>
    </message>
    <message>
        <source>Backend</source>
        <translation>后端</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>已用时</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>{0} · take {1}</source>
        <translation>{0} · 镜次 {1}</translation>
    </message>
</context>
<context>
    <name>RecentMenu</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
</context>
<context>
    <name>ReferenceModelField</name>
    <message>
        <source>None: shots with @Name or keyframes cannot be made</source>
        <translation>无：含 @名称 或关键帧的镜头无法生成</translation>
    </message>
    <message>
        <source>The Wan 2.2 VACE model that keeps cast members and pinned frames: a Hugging Face repo id or a local diffusers folder (`main.py demo-model DIR --arch vace-a14b` makes a tiny one).</source>
        <translation>保持主体与固定帧一致的 Wan 2.2 VACE 模型：Hugging Face 仓库 ID 或本地 diffusers 文件夹（`main.py demo-model DIR --arch vace-a14b` 可生成一个微型模型）。</translation>
    </message>
    <message>
        <source>Reference model</source>
        <translation>参考模型</translation>
    </message>
</context>
<context>
    <name>RemoteSettingsPage</name>
    <message>
        <source>saved in the system keyring</source>
        <translation>保存在系统密钥环中</translation>
    </message>
    <message>
        <source>from the HF_TOKEN variable</source>
        <translation>来自 HF_TOKEN 环境变量</translation>
    </message>
    <message>
        <source>from your Hugging Face login (hf auth login)</source>
        <translation>来自你的 Hugging Face 登录（hf auth login）</translation>
    </message>
    <message>
        <source>No token yet: paste one above.</source>
        <translation>还没有令牌：请在上方粘贴。</translation>
    </message>
    <message>
        <source>Token: {0}.</source>
        <translation>令牌：{0}。</translation>
    </message>
    <message>
        <source>one endpoint per line; x4: four requests in flight (an endpoint with 4 replicas)</source>
        <translation>每行一个端点；x4：同时进行四个请求（有 4 个副本的端点）</translation>
    </message>
    <message>
        <source>hf_… (kept in the system keyring, never in projects or logs)</source>
        <translation>hf_…（保存在系统密钥环中，绝不写入项目或日志）</translation>
    </message>
    <message>
        <source>Forget saved token</source>
        <translation>删除已保存的令牌</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>The largest answer read from an endpoint; a bigger one fails its shot unread</source>
        <translation>从端点读取的最大应答；更大的应答不会被读取，该镜头失败</translation>
    </message>
    <message>
        <source>Endpoints</source>
        <translation>端点</translation>
    </message>
    <message>
        <source>Hugging Face token</source>
        <translation>Hugging Face 令牌</translation>
    </message>
    <message>
        <source>Largest answer</source>
        <translation>最大应答</translation>
    </message>
    <message>
        <source>{0} endpoint(s): up to {1} shot(s) generate at once.</source>
        <translation>{0} 个端点：最多同时生成 {1} 个镜头。</translation>
    </message>
    <message>
        <source>No endpoint: add one to generate remotely.</source>
        <translation>没有端点：添加一个即可远程生成。</translation>
    </message>
    <message>
        <source>{0} is in the list already.</source>
        <translation>{0} 已在列表中。</translation>
    </message>
    <message>
        <source>Added {0}; OK saves the list.</source>
        <translation>已添加 {0}；按“确定”保存列表。</translation>
    </message>
    <message>
        <source>Add an endpoint first.</source>
        <translation>请先添加一个端点。</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <source>The test failed: {0}</source>
        <translation>测试失败：{0}</translation>
    </message>
</context>
<context>
    <name>RepaintDialog</name>
    <message>
        <source>Repaint</source>
        <translation>重绘</translation>
    </message>
    <message>
        <source>A new take is made with the painted part generated again; the rest of the take&apos;s pixels are kept. Leave the prompt as it is, or say what the region should show.</source>
        <translation>将生成一个新镜次，重新生成涂出的部分，镜次其余像素保持不变。可保留原提示词，或描述该区域应显示的内容。</translation>
    </message>
    <message>
        <source>Fixed seed</source>
        <translation>固定种子</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
</context>
<context>
    <name>ReportExport</name>
    <message>
        <source>Export Review &amp;Report…</source>
        <translation>导出评审报告(&amp;R)…</translation>
    </message>
    <message>
        <source>Write an HTML page for the client: every shot&apos;s frames, scores and safety verdict</source>
        <translation>为客户写一个网页：每个镜头的画面、评分和安全结论</translation>
    </message>
    <message>
        <source>Export Review Report</source>
        <translation>导出评审报告</translation>
    </message>
    <message>
        <source>Web pages (*.html)</source>
        <translation>网页 (*.html)</translation>
    </message>
    <message>
        <source>Nothing to report</source>
        <translation>没有可报告的内容</translation>
    </message>
    <message>
        <source>Save a film with shots first: the report shows its takes.</source>
        <translation>请先保存含有镜头的影片：报告展示的是它的镜次。</translation>
    </message>
    <message>
        <source>Writing the review report…</source>
        <translation>正在写入评审报告…</translation>
    </message>
    <message>
        <source>Review report written: {0}</source>
        <translation>评审报告已写入：{0}</translation>
    </message>
    <message>
        <source>Review Report Written</source>
        <translation>评审报告已写入</translation>
    </message>
    <message>
        <source>The report is in {0}.

Open it in the browser now?</source>
        <translation>报告位于 {0}。

现在用浏览器打开吗？</translation>
    </message>
    <message>
        <source>Review report not written</source>
        <translation>评审报告未写入</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>A Hugging Face repo id (downloaded like Wan) or a local folder</source>
        <translation>Hugging Face 仓库 ID（与 Wan 一样下载）或本地文件夹</translation>
    </message>
    <message>
        <source>Off: takes are not checked, the status bar and the report say so</source>
        <translation>关闭：不检查镜次，状态栏和报告会注明</translation>
    </message>
    <message>
        <source>Score each take when it is made</source>
        <translation>每个镜次生成后即评分</translation>
    </message>
    <message>
        <source>Frames spread over the take that the models look at</source>
        <translation>模型查看的帧数，均匀分布在镜次中</translation>
    </message>
    <message>
        <source>A take is flagged when a frame&apos;s unsafe probability reaches this</source>
        <translation>某一帧的不安全概率达到此值时，镜次被标记</translation>
    </message>
    <message>
        <source>One word or phrase a line</source>
        <translation>每行一个词或短语</translation>
    </message>
    <message>
        <source>A prompt containing one of these (after @names are expanded) is refused before generation</source>
        <translation>提示词（展开 @名称 之后）含有其中任一项时，生成前即被拒绝</translation>
    </message>
    <message>
        <source>Prompt model (CLIP)</source>
        <translation>提示词模型 (CLIP)</translation>
    </message>
    <message>
        <source>Likeness model (DINOv2)</source>
        <translation>相似度模型 (DINOv2)</translation>
    </message>
    <message>
        <source>Safety model</source>
        <translation>安全模型</translation>
    </message>
    <message>
        <source>Aesthetics model (LAION predictor)</source>
        <translation>美学模型 (LAION 预测器)</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>评分项</translation>
    </message>
    <message>
        <source>Frames looked at</source>
        <translation>查看的帧数</translation>
    </message>
    <message>
        <source>Safety threshold</source>
        <translation>安全阈值</translation>
    </message>
    <message>
        <source>Combined score weights</source>
        <translation>综合评分权重</translation>
    </message>
    <message>
        <source>Takes to keep the best of</source>
        <translation>从多少个镜次中选最佳</translation>
    </message>
    <message>
        <source>Refused prompt words</source>
        <translation>拒绝的提示词</translation>
    </message>
    <message>
        <source>Score = weighted mean of {0}</source>
        <translation>评分 = {0} 的加权平均</translation>
    </message>
</context>
<context>
    <name>ReviewWiring</name>
    <message>
        <source>Safety check off</source>
        <translation>安全检查已关闭</translation>
    </message>
    <message>
        <source>Takes are not checked for safety (Preferences &gt; Review)</source>
        <translation>镜次未做安全检查（首选项 &gt; 评审）</translation>
    </message>
</context>
<context>
    <name>SafetyVeil</name>
    <message>
        <source>Reveal</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>The safety check flagged this take: show it unblurred (until the film is closed)</source>
        <translation>安全检查标记了此镜次：不加模糊地显示它（直到关闭影片）</translation>
    </message>
</context>
<context>
    <name>ScoreColumns</name>
    <message>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Likeness</source>
        <translation>相似度</translation>
    </message>
    <message>
        <source>Look</source>
        <translation>画面风格</translation>
    </message>
    <message>
        <source>Motion</source>
        <translation>运动</translation>
    </message>
    <message>
        <source>Flicker</source>
        <translation>闪烁</translation>
    </message>
    <message>
        <source>Aesthetics</source>
        <translation>美学</translation>
    </message>
    <message>
        <source>Safety</source>
        <translation>安全</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>(still)</source>
        <translation>（静止）</translation>
    </message>
    <message>
        <source>flagged</source>
        <translation>已标记</translation>
    </message>
    <message>
        <source>safe</source>
        <translation>安全</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Combined score (0-100), weights: {0}</source>
        <translation>综合评分 (0-100)，权重：{0}</translation>
    </message>
    <message>
        <source>Not scored</source>
        <translation>未评分</translation>
    </message>
    <message>
        <source>model: {0}</source>
        <translation>模型：{0}</translation>
    </message>
    <message>
        <source>highest unsafe probability: {0:.2f}</source>
        <translation>最高不安全概率：{0:.2f}</translation>
    </message>
</context>
<context>
    <name>SettingsForm</name>
    <message>
        <source>Multiples of 16; Wan 2.2 A14B is made for 1280×720 and 832×480</source>
        <translation>16 的倍数；Wan 2.2 A14B 适用于 1280×720 和 832×480</translation>
    </message>
    <message>
        <source>Frames per second of the film (Wan 2.2 A14B: 16)</source>
        <translation>影片每秒的帧数（Wan 2.2 A14B：16）</translation>
    </message>
    <message>
        <source>Frames to generate; Wan uses 4k+1 (81 = 5 s at 16 fps)</source>
        <translation>要生成的帧数；Wan 使用 4k+1 帧（81 帧 = 16 fps 下 5 秒）</translation>
    </message>
    <message>
        <source>Denoising steps</source>
        <translation>去噪步数</translation>
    </message>
    <message>
        <source>Guidance of the high-noise expert (early steps)</source>
        <translation>高噪声专家的引导系数（前期步骤）</translation>
    </message>
    <message>
        <source>Guidance of the low-noise expert (late steps); unset: the same as high</source>
        <translation>低噪声专家的引导系数（后期步骤）；未设置：与高噪声相同</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>{0}: the project&apos;s</source>
        <translation>{0}：使用项目的设置</translation>
    </message>
    <message>
        <source>{0} (same as high)</source>
        <translation>{0}（与高噪声相同）</translation>
    </message>
    <message>
        <source>Same as high</source>
        <translation>与高噪声相同</translation>
    </message>
</context>
<context>
    <name>ShortcutTips</name>
    <message>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Find a command or a key…</source>
        <translation>查找命令或按键…</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>菜单</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
</context>
<context>
    <name>ShotActions</name>
    <message>
        <source>Add Shot</source>
        <translation>添加镜头</translation>
    </message>
    <message>
        <source>Duplicate Shot</source>
        <translation>复制镜头</translation>
    </message>
    <message>
        <source>Duplicate {0} Shots</source>
        <translation>复制 {0} 个镜头</translation>
    </message>
    <message>
        <source>Move Shot</source>
        <translation>移动镜头</translation>
    </message>
    <message>
        <source>Move {0} Shots</source>
        <translation>移动 {0} 个镜头</translation>
    </message>
</context>
<context>
    <name>ShotCard</name>
    <message>
        <source>(no prompt)</source>
        <translation>（无提示词）</translation>
    </message>
    <message>
        <source>↪ continues</source>
        <translation>↪ 接续</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>已标记</translation>
    </message>
</context>
<context>
    <name>ShotImageCommands</name>
    <message>
        <source>Remove Start Image</source>
        <translation>移除起始图像</translation>
    </message>
    <message>
        <source>Start from Frame</source>
        <translation>从帧开始</translation>
    </message>
    <message>
        <source>Set Start Image</source>
        <translation>设置起始图像</translation>
    </message>
    <message>
        <source>Set End Image</source>
        <translation>设置结束图像</translation>
    </message>
    <message>
        <source>Remove End Image</source>
        <translation>移除结束图像</translation>
    </message>
    <message>
        <source>Continue from Previous Shot</source>
        <translation>接续上一个镜头</translation>
    </message>
    <message>
        <source>Stop Continuing Previous Shot</source>
        <translation>停止接续上一个镜头</translation>
    </message>
    <message>
        <source>Fit Images in the Shot</source>
        <translation>图像适应镜头</translation>
    </message>
    <message>
        <source>Fill the Shot with Images</source>
        <translation>图像填充镜头</translation>
    </message>
</context>
<context>
    <name>ShotImagesBox</name>
    <message>
        <source>Start and end images</source>
        <translation>起始和结束图像</translation>
    </message>
    <message>
        <source>Continue from the previous shot</source>
        <translation>接续上一个镜头</translation>
    </message>
    <message>
        <source>Start from the last frame of the previous shot&apos;s active take, taken when this shot is generated</source>
        <translation>从上一个镜头当前镜次的最后一帧开始，该帧在生成此镜头时截取</translation>
    </message>
    <message>
        <source>Drop an image here</source>
        <translation>将图像拖放到这里</translation>
    </message>
    <message>
        <source>The shot&apos;s first frame: a PNG, JPEG or WebP image</source>
        <translation>镜头的第一帧：PNG、JPEG 或 WebP 图像</translation>
    </message>
    <message>
        <source>No end image</source>
        <translation>无结束图像</translation>
    </message>
    <message>
        <source>Optional: the shot&apos;s last frame, where the image model takes one</source>
        <translation>可选：镜头的最后一帧（若图像模型支持）</translation>
    </message>
    <message>
        <source>Fill: scale and crop to cover the shot</source>
        <translation>填充：缩放并裁切以铺满镜头</translation>
    </message>
    <message>
        <source>Fit: scale to fit, pad the rest</source>
        <translation>适应：缩放以完整显示，其余部分补边</translation>
    </message>
    <message>
        <source>How an image of another shape is made the shot&apos;s size</source>
        <translation>比例不同的图像如何调整为镜头的尺寸</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>起始</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Framing</source>
        <translation>构图适配</translation>
    </message>
    <message>
        <source>None: the shot starts from its prompt</source>
        <translation>无：镜头从其提示词开始</translation>
    </message>
    <message>
        <source>The last frame of the previous shot, taken when this shot is generated</source>
        <translation>上一个镜头的最后一帧，在生成此镜头时截取</translation>
    </message>
    <message>
        <source>None: the model decides how the shot ends</source>
        <translation>无：由模型决定镜头如何结束</translation>
    </message>
    <message>
        <source>Used once the shot has a start image or continues the previous shot</source>
        <translation>在镜头有起始图像或接续上一个镜头时使用</translation>
    </message>
    <message>
        <source>Frame {frame} of {shot}</source>
        <translation>{shot} 的第 {frame} 帧</translation>
    </message>
    <message>
        <source>Image {hash}</source>
        <translation>图像 {hash}</translation>
    </message>
    <message>
        <source>a removed take</source>
        <translation>一个已移除的镜次</translation>
    </message>
</context>
<context>
    <name>ShotSpeedRows</name>
    <message>
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>The project&apos;s</source>
        <translation>沿用项目设置</translation>
    </message>
    <message>
        <source>Draft (4 steps, Lightning LoRA, no guidance)</source>
        <translation>草稿（4 步，Lightning LoRA，无引导）</translation>
    </message>
    <message>
        <source>Final (the steps and guidance set here)</source>
        <translation>成片（使用此处设置的步数和引导）</translation>
    </message>
    <message>
        <source>Draft is several times faster to judge a shot; Make Final redoes it</source>
        <translation>草稿的速度快数倍，便于评估镜头；“转为成片”会重新生成</translation>
    </message>
    <message>
        <source>High-noise guidance {0:g} turns guidance off in diffusers for both experts, so low-noise guidance {1:g} would be lost. Storyreel runs each expert&apos;s guidance as set, with two passes a step (slower).</source>
        <translation>高噪声引导为 {0:g} 时，diffusers 会关闭两个专家的引导，低噪声引导 {1:g} 将会丢失。Storyreel 按设置分别运行每个专家的引导，每步两次前向计算（较慢）。</translation>
    </message>
</context>
<context>
    <name>Shuttle</name>
    <message>
        <source>Play &amp;Backwards</source>
        <translation>倒放(&amp;B)</translation>
    </message>
    <message>
        <source>Pa&amp;use</source>
        <translation>暂停(&amp;U)</translation>
    </message>
    <message>
        <source>Play For&amp;wards</source>
        <translation>正放(&amp;W)</translation>
    </message>
    <message>
        <source>Play backwards; again for 2×, 4×, 8× (with K held: one frame back)</source>
        <translation>倒放；再按一次为 2×、4×、8×（按住 K 时：后退一帧）</translation>
    </message>
    <message>
        <source>Pause; hold it and press J or L to step a frame</source>
        <translation>暂停；按住它再按 J 或 L 可逐帧移动</translation>
    </message>
    <message>
        <source>Play forwards; again for 2×, 4×, 8× (with K held: one frame on)</source>
        <translation>正放；再按一次为 2×、4×、8×（按住 K 时：前进一帧）</translation>
    </message>
</context>
<context>
    <name>SketchQueue</name>
    <message>
        <source>{0} · sketch</source>
        <translation>{0} · 草图</translation>
    </message>
</context>
<context>
    <name>SoundPage</name>
    <message>
        <source>A transformers text-to-speech model (Bark, VITS/MMS…): a Hugging Face repo id or a folder</source>
        <translation>transformers 的文本转语音模型（Bark、VITS/MMS…）：Hugging Face 仓库 ID 或文件夹</translation>
    </message>
    <message>
        <source>A Stable Audio model for diffusers: a Hugging Face repo id or a folder</source>
        <translation>diffusers 的 Stable Audio 模型：Hugging Face 仓库 ID 或文件夹</translation>
    </message>
    <message>
        <source>The default voice, Bark, speaks Chinese and English. Stable Audio Open is gated: accept its licence on Hugging Face first. Models are downloaded once into the Hugging Face cache.</source>
        <translation>默认配音模型 Bark 会说中文和英文。Stable Audio Open 需要授权：请先在 Hugging Face 上接受其许可。模型只下载一次，存入 Hugging Face 缓存。</translation>
    </message>
    <message>
        <source>Voice model</source>
        <translation>配音模型</translation>
    </message>
    <message>
        <source>Music model</source>
        <translation>音乐模型</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <source>Model folder</source>
        <translation>模型文件夹</translation>
    </message>
</context>
<context>
    <name>SoundPrompt</name>
    <message>
        <source>Generate Music</source>
        <translation>生成音乐</translation>
    </message>
    <message>
        <source>calm piano, soft rain</source>
        <translation>舒缓的钢琴，细雨声</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Music</source>
        <translation>音乐</translation>
    </message>
    <message>
        <source>Sound effect</source>
        <translation>音效</translation>
    </message>
    <message>
        <source>Sounds like</source>
        <translation>听起来像</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
</context>
<context>
    <name>SpeedSettingsBox</name>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Automatic (the fastest installed for this GPU)</source>
        <translation>自动（此 GPU 上已安装的最快方案）</translation>
    </message>
    <message>
        <source>PyTorch (native)</source>
        <translation>PyTorch（原生）</translation>
    </message>
    <message>
        <source>cuDNN (NVIDIA)</source>
        <translation>cuDNN（NVIDIA）</translation>
    </message>
    <message>
        <source>FlashAttention 2</source>
        <translation>FlashAttention 2</translation>
    </message>
    <message>
        <source>FlashAttention 3 (Hopper)</source>
        <translation>FlashAttention 3（Hopper）</translation>
    </message>
    <message>
        <source>SageAttention</source>
        <translation>SageAttention</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Regional (compiles one block; the first take waits)</source>
        <translation>区域编译（编译一个模块；首个镜次需等待）</translation>
    </message>
    <message>
        <source>Automatic (on with a GPU)</source>
        <translation>自动（有 GPU 时开启）</translation>
    </message>
    <message>
        <source>Compute (torchao; Ada and Hopper GPUs)</source>
        <translation>计算（torchao；Ada 与 Hopper GPU）</translation>
    </message>
    <message>
        <source>Storage (less memory, same speed)</source>
        <translation>存储（占用更少显存，速度不变）</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>First-block cache (Final takes)</source>
        <translation>首块缓存（成片镜次）</translation>
    </message>
    <message>
        <source>Higher skips more blocks: faster, further from the uncached take</source>
        <translation>值越高跳过的模块越多：更快，但与未缓存的镜次差异更大</translation>
    </message>
    <message>
        <source>A Hugging Face repo id or a folder holding Draft&apos;s LoRA pair</source>
        <translation>存放草稿 LoRA 组合的 Hugging Face 仓库 ID 或文件夹</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>Compile</source>
        <translation>编译</translation>
    </message>
    <message>
        <source>FP8</source>
        <translation>FP8</translation>
    </message>
    <message>
        <source>Step cache</source>
        <translation>步缓存</translation>
    </message>
    <message>
        <source>Cache threshold</source>
        <translation>缓存阈值</translation>
    </message>
    <message>
        <source>Draft LoRA repo</source>
        <translation>草稿 LoRA 仓库</translation>
    </message>
    <message>
        <source>High-noise file</source>
        <translation>高噪声文件</translation>
    </message>
    <message>
        <source>Low-noise file</source>
        <translation>低噪声文件</translation>
    </message>
    <message>
        <source>Draft shift</source>
        <translation>草稿偏移</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>&lt;h1&gt;Storyreel&lt;/h1&gt;Write a film as a row of shots, generate each with Wan 2.2.</source>
        <translation>&lt;h1&gt;Storyreel&lt;/h1&gt;把影片写成一排镜头，每个镜头都用 Wan 2.2 生成。</translation>
    </message>
    <message>
        <source>New Film</source>
        <translation>新建影片</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Choose a Model Folder…</source>
        <translation>选择模型文件夹…</translation>
    </message>
    <message>
        <source>Download from the Hub…</source>
        <translation>从 Hub 下载…</translation>
    </message>
    <message>
        <source>Use a Built-in Demo Model</source>
        <translation>使用内置演示模型</translation>
    </message>
    <message>
        <source>A tiny random-weight model built here: abstract colour noise, every part real</source>
        <translation>在本机构建的微型随机权重模型：画面是抽象的彩色噪点，但每个环节都是真实的</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recent films&lt;/b&gt;</source>
        <translation>&lt;b&gt;最近的影片&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{0} (cannot be opened)</source>
        <translation>{0}（无法打开）</translation>
    </message>
    <message>
        <source>{0}
{1} · {2} shots</source>
        <translation>{0}
{1} · {2} 个镜头</translation>
    </message>
    <message>
        <source>Building the demo model…</source>
        <translation>正在构建演示模型…</translation>
    </message>
</context>
<context>
    <name>StoryboardCommands</name>
    <message>
        <source>Enhance {0} Prompt(s)</source>
        <translation>扩写 {0} 条提示词</translation>
    </message>
    <message>
        <source>Add {0} Shot(s) From Script</source>
        <translation>从剧本添加 {0} 个镜头</translation>
    </message>
</context>
<context>
    <name>StoryboardDelegate</name>
    <message>
        <source>No sketch yet</source>
        <translation>尚无草图</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>已保留</translation>
    </message>
    <message>
        <source>Kept sketch missing</source>
        <translation>保留的草图已丢失</translation>
    </message>
</context>
<context>
    <name>StoryboardPanel</name>
    <message>
        <source>Sketch Keyframes</source>
        <translation>绘制关键帧草图</translation>
    </message>
    <message>
        <source>One still per selected shot (every shot when none is selected), in seconds</source>
        <translation>为每个选中的镜头（未选中时为全部镜头）生成一张静帧，只需几秒</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Keep the still shown: Animate From Keyframe starts the clip from it</source>
        <translation>保留当前显示的静帧：“从关键帧生成动画”将以它开始</translation>
    </message>
    <message>
        <source>Another</source>
        <translation>再来一张</translation>
    </message>
    <message>
        <source>Sketch the selected shots again with a new seed</source>
        <translation>用新的种子重新绘制选中的镜头</translation>
    </message>
    <message>
        <source>Edit Prompt…</source>
        <translation>编辑提示词…</translation>
    </message>
    <message>
        <source>Change the shot&apos;s prompt and sketch it again</source>
        <translation>修改镜头的提示词并重新绘制</translation>
    </message>
    <message>
        <source>Animate From Keyframe</source>
        <translation>从关键帧生成动画</translation>
    </message>
    <message>
        <source>Make the kept still the shot&apos;s start image (undoable)</source>
        <translation>把保留的静帧设为镜头的起始图（可撤销）</translation>
    </message>
</context>
<context>
    <name>StoryboardWiring</name>
    <message>
        <source>Storyboard</source>
        <translation>故事板</translation>
    </message>
    <message>
        <source>New From &amp;Script…</source>
        <translation>从剧本新建(&amp;S)…</translation>
    </message>
    <message>
        <source>Shots proposed from a script or a brief by a language model</source>
        <translation>由语言模型根据剧本或简要说明提出镜头</translation>
    </message>
    <message>
        <source>&amp;Enhance Prompts of Selected Shots</source>
        <translation>扩写选中镜头的提示词(&amp;E)</translation>
    </message>
    <message>
        <source>Rewrite the selected shots&apos; prompts in the detail Wan was trained on; you pick</source>
        <translation>按 Wan 训练时的详细程度改写选中镜头的提示词，由你挑选</translation>
    </message>
    <message>
        <source>&amp;Sketch Keyframes</source>
        <translation>绘制关键帧草图(&amp;S)</translation>
    </message>
    <message>
        <source>One still per selected shot, in seconds</source>
        <translation>为每个选中的镜头生成一张静帧，只需几秒</translation>
    </message>
    <message>
        <source>&amp;Storyboard</source>
        <translation>故事板(&amp;S)</translation>
    </message>
    <message>
        <source>Enhance</source>
        <translation>扩写</translation>
    </message>
    <message>
        <source>Rewrite this prompt in the detail Wan was trained on; you pick</source>
        <translation>按 Wan 训练时的详细程度改写此提示词，由你挑选</translation>
    </message>
    <message>
        <source>Wait for the running task to end, or cancel it.</source>
        <translation>请等正在运行的任务结束，或取消它。</translation>
    </message>
    <message>
        <source>Proposing Shots</source>
        <translation>正在提出镜头</translation>
    </message>
    <message>
        <source>{0} shot(s) added from the script.</source>
        <translation>已从剧本添加 {0} 个镜头。</translation>
    </message>
    <message>
        <source>Select shots with a prompt to enhance.</source>
        <translation>请选择有提示词的镜头进行扩写。</translation>
    </message>
    <message>
        <source>Enhancing Prompts</source>
        <translation>正在扩写提示词</translation>
    </message>
    <message>
        <source>Sketch Keyframes</source>
        <translation>绘制关键帧草图</translation>
    </message>
    <message>
        <source>Save the film first: sketches are kept in its media folder.</source>
        <translation>请先保存影片：草图保存在它的媒体文件夹中。</translation>
    </message>
    <message>
        <source>Some shots were not sketched</source>
        <translation>部分镜头未绘制草图</translation>
    </message>
    <message>
        <source>Sketch of {0} made.</source>
        <translation>{0} 的草图已生成。</translation>
    </message>
    <message>
        <source>The sketch of {0} failed: {1}</source>
        <translation>{0} 的草图失败：{1}</translation>
    </message>
    <message>
        <source>{0} keyframe sketch(es) made.</source>
        <translation>已生成 {0} 张关键帧草图。</translation>
    </message>
    <message>
        <source>Sketching Keyframes</source>
        <translation>正在绘制关键帧草图</translation>
    </message>
    <message>
        <source>Keep Sketch</source>
        <translation>保留草图</translation>
    </message>
    <message>
        <source>Sketch those shots first: a shot without a sketch has nothing to keep.</source>
        <translation>请先为这些镜头绘制草图：没有草图的镜头无可保留。</translation>
    </message>
    <message>
        <source>Edit Prompt</source>
        <translation>编辑提示词</translation>
    </message>
    <message>
        <source>The prompt, sketched again when you press OK:</source>
        <translation>提示词（按“确定”后重新绘制）：</translation>
    </message>
    <message>
        <source>Sketch and keep a still first.</source>
        <translation>请先绘制并保留一张静帧。</translation>
    </message>
    <message>
        <source>Animate From Keyframe</source>
        <translation>从关键帧生成动画</translation>
    </message>
</context>
<context>
    <name>Takes</name>
    <message>
        <source>imported · {0} · {1} f @ {2} fps</source>
        <translation>导入 · {0} · {1} 帧 @ {2} fps</translation>
    </message>
    <message>
        <source>seed {0} · {1} · {2} f · {3} steps · cfg {4}</source>
        <translation>种子 {0} · {1} · {2} 帧 · {3} 步 · CFG {4}</translation>
    </message>
    <message>
        <source>file: {0}</source>
        <translation>文件：{0}</translation>
    </message>
    <message>
        <source>prompt: {0}</source>
        <translation>提示词：{0}</translation>
    </message>
    <message>
        <source>negative: {0}</source>
        <translation>反向：{0}</translation>
    </message>
    <message>
        <source>model: {0}</source>
        <translation>模型：{0}</translation>
    </message>
    <message>
        <source>backend: {0}</source>
        <translation>后端：{0}</translation>
    </message>
    <message>
        <source>took {0:.1f} s</source>
        <translation>耗时 {0:.1f} 秒</translation>
    </message>
    <message>
        <source>created {0}</source>
        <translation>创建于 {0}</translation>
    </message>
</context>
<context>
    <name>TakesModel</name>
    <message>
        <source>Take {0}</source>
        <translation>镜次 {0}</translation>
    </message>
    <message>
        <source>Take</source>
        <translation>镜次</translation>
    </message>
</context>
<context>
    <name>TakesPanel</name>
    <message>
        <source>Double-click a take to use it in the film</source>
        <translation>双击镜次即可在影片中使用</translation>
    </message>
    <message>
        <source>Use Take</source>
        <translation>使用此镜次</translation>
    </message>
    <message>
        <source>Use the selected take in the film</source>
        <translation>在影片中使用所选镜次</translation>
    </message>
    <message>
        <source>Remove Take</source>
        <translation>移除镜次</translation>
    </message>
    <message>
        <source>Remove the selected take from the shot (undoable; the file stays)</source>
        <translation>从镜头中移除所选镜次（可撤销；文件保留）</translation>
    </message>
    <message>
        <source>First frame of the active take shown in the film</source>
        <translation>当前镜次在影片中显示的第一帧</translation>
    </message>
    <message>
        <source>Frame after the last one shown (the take&apos;s length: to the end)</source>
        <translation>显示的最后一帧之后的帧（等于镜次长度：到结尾）</translation>
    </message>
    <message>
        <source>Trim in</source>
        <translation>入点</translation>
    </message>
    <message>
        <source>out</source>
        <translation>出点</translation>
    </message>
</context>
<context>
    <name>TimelineHandoff</name>
    <message>
        <source>Export Timeline</source>
        <translation>导出时间线</translation>
    </message>
    <message>
        <source>Save the project first: the timeline names its takes.</source>
        <translation>请先保存项目：时间线要引用项目中的镜次文件。</translation>
    </message>
    <message>
        <source>Timeline written: {0}</source>
        <translation>时间线已写出：{0}</translation>
    </message>
    <message>
        <source>Writing the timeline {0}…</source>
        <translation>正在写入时间线 {0}…</translation>
    </message>
    <message>
        <source>Import Timeline</source>
        <translation>导入时间线</translation>
    </message>
    <message>
        <source>Brought back the order and trims of {0} shots</source>
        <translation>已取回 {0} 个镜头的顺序和入点/出点</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>(no prompt)</source>
        <translation>（无提示词）</translation>
    </message>
    <message>
        <source>The last generation failed: {0}</source>
        <translation>上次生成失败：{0}</translation>
    </message>
    <message>
        <source>{0} and {1} more</source>
        <translation>{0} 等另外 {1} 个</translation>
    </message>
    <message>
        <source>Still images cannot become shots</source>
        <translation>静态图像不能成为镜头</translation>
    </message>
    <message>
        <source>These files are not videos</source>
        <translation>这些文件不是视频</translation>
    </message>
    <message>
        <source>{0}: {1}.
Drop video files ({2}) to add them as shots, or a {3} file to open it.</source>
        <translation>{0}：{1}。
拖放视频文件（{2}）可将其添加为镜头，拖放 {3} 文件可将其打开。</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>No shots yet. Add a shot (Ctrl+Shift+N), import a shot list, or drop video files or a .reel film here.</source>
        <translation>还没有镜头。添加一个镜头（Ctrl+Shift+N）、导入镜头列表，或将视频文件或 .reel 影片拖放到这里。</translation>
    </message>
</context>
<context>
    <name>TitleForm</name>
    <message>
        <source>Title card</source>
        <translation>标题卡</translation>
    </message>
    <message>
        <source>Lower third</source>
        <translation>下三分之一字幕条</translation>
    </message>
    <message>
        <source>End card</source>
        <translation>片尾卡</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>字幕</translation>
    </message>
    <message>
        <source>Fade</source>
        <translation>淡入淡出</translation>
    </message>
    <message>
        <source>Slide</source>
        <translation>滑入滑出</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>左对齐</translation>
    </message>
    <message>
        <source>Centre</source>
        <translation>居中</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>右对齐</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Next shot, blurred</source>
        <translation>下一镜头（模糊）</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.webp)</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>In and out</source>
        <translation>入场与出场</translation>
    </message>
    <message>
        <source>In</source>
        <translation>入场</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>出场</translation>
    </message>
    <message>
        <source>Alignment</source>
        <translation>对齐</translation>
    </message>
    <message>
        <source>Text colour</source>
        <translation>文字颜色</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>背景</translation>
    </message>
    <message>
        <source>Background colour</source>
        <translation>背景颜色</translation>
    </message>
    <message>
        <source>Background image</source>
        <translation>背景图片</translation>
    </message>
    <message>
        <source>Tagline</source>
        <translation>标语</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>网址</translation>
    </message>
    <message>
        <source>The end card shows the brand preset&apos;s logo.</source>
        <translation>片尾卡显示品牌预设的标志。</translation>
    </message>
</context>
<context>
    <name>TrackCommands</name>
    <message>
        <source>Add Title</source>
        <translation>添加标题</translation>
    </message>
    <message>
        <source>Edit Title</source>
        <translation>编辑标题</translation>
    </message>
    <message>
        <source>Delete Title</source>
        <translation>删除标题</translation>
    </message>
    <message>
        <source>Add Sound Clip</source>
        <translation>添加声音片段</translation>
    </message>
    <message>
        <source>Delete Sound Clip</source>
        <translation>删除声音片段</translation>
    </message>
    <message>
        <source>Move Sound Clip</source>
        <translation>移动声音片段</translation>
    </message>
</context>
<context>
    <name>TrackRows</name>
    <message>
        <source>Titles (upper row) and the sound track (lower row): music, voice and effects</source>
        <translation>字幕与标题（上行）和音轨（下行）：音乐、配音和音效</translation>
    </message>
</context>
<context>
    <name>TransitionMenu</name>
    <message>
        <source>Set Transition</source>
        <translation>设置转场</translation>
    </message>
    <message>
        <source>Set Transition of {0} Shots</source>
        <translation>设置 {0} 个镜头的转场</translation>
    </message>
    <message>
        <source>Transition &amp;In</source>
        <translation>入转场(&amp;I)</translation>
    </message>
    <message>
        <source>Transition &amp;Duration</source>
        <translation>转场时长(&amp;D)</translation>
    </message>
    <message>
        <source>The first shot starts the film; use the film fades below</source>
        <translation>第一个镜头是影片的开头；请使用下方的影片淡入淡出</translation>
    </message>
    <message>
        <source>Film Fades &amp;In From Black</source>
        <translation>影片从黑场淡入(&amp;I)</translation>
    </message>
    <message>
        <source>Film Fades &amp;Out to Black</source>
        <translation>影片淡出到黑场(&amp;O)</translation>
    </message>
    <message>
        <source>Set Film Fade</source>
        <translation>设置影片淡入淡出</translation>
    </message>
</context>
<context>
    <name>UndoCommands</name>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Negative Prompt</source>
        <translation>反向提示词</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>帧数</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Guidance (High Noise)</source>
        <translation>引导系数（高噪声）</translation>
    </message>
    <message>
        <source>Guidance (Low Noise)</source>
        <translation>引导系数（低噪声）</translation>
    </message>
    <message>
        <source>Trim In</source>
        <translation>入点</translation>
    </message>
    <message>
        <source>Trim Out</source>
        <translation>出点</translation>
    </message>
    <message>
        <source>Active Take</source>
        <translation>当前镜次</translation>
    </message>
    <message>
        <source>Transition</source>
        <translation>转场</translation>
    </message>
    <message>
        <source>Transition Duration</source>
        <translation>转场时长</translation>
    </message>
    <message>
        <source>Edit {0}</source>
        <translation>编辑{0}</translation>
    </message>
    <message>
        <source>Move Shot</source>
        <translation>移动镜头</translation>
    </message>
    <message>
        <source>Import Timeline</source>
        <translation>导入时间线</translation>
    </message>
    <message>
        <source>Add Shot</source>
        <translation>添加镜头</translation>
    </message>
    <message>
        <source>Delete Shot</source>
        <translation>删除镜头</translation>
    </message>
    <message>
        <source>Delete {0} Shots</source>
        <translation>删除 {0} 个镜头</translation>
    </message>
    <message>
        <source>{0} (copy)</source>
        <translation>{0}（副本）</translation>
    </message>
    <message>
        <source>Remove Take</source>
        <translation>移除镜次</translation>
    </message>
    <message>
        <source>Choose Take</source>
        <translation>选择镜次</translation>
    </message>
    <message>
        <source>Edit Project Settings</source>
        <translation>编辑项目设置</translation>
    </message>
</context>
<context>
    <name>WindowChrome</name>
    <message>
        <source>&amp;Documentation</source>
        <translation>文档(&amp;D)</translation>
    </message>
    <message>
        <source>Open Storyreel&apos;s documentation</source>
        <translation>打开 Storyreel 的文档</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Every shortcut of the window</source>
        <translation>窗口的所有快捷键</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Generate All</source>
        <translation>全部生成</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Full Screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Documentation</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>The documentation could not be opened: {0}</source>
        <translation>无法打开文档：{0}</translation>
    </message>
    <message>
        <source>this copy has none installed</source>
        <translation>此副本未安装文档</translation>
    </message>
    <message>
        <source>About Storyreel</source>
        <translation>关于 Storyreel</translation>
    </message>
    <message>
        <source>Storyreel {0}
A desktop studio for AI film-making with Wan 2.2.</source>
        <translation>Storyreel {0}
用 Wan 2.2 进行 AI 电影创作的桌面工作室。</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>Start a new project</source>
        <translation>新建一个项目</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a project file</source>
        <translation>打开项目文件</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save the project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save under a new name, with its media</source>
        <translation>以新名称保存，连同其媒体</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>Close the project</source>
        <translation>关闭项目</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Quit Storyreel</source>
        <translation>退出 Storyreel</translation>
    </message>
    <message>
        <source>Import Shot &amp;List…</source>
        <translation>导入镜头列表(&amp;L)…</translation>
    </message>
    <message>
        <source>Add shots from a .txt (one prompt per line) or .csv file</source>
        <translation>从 .txt（每行一个提示词）或 .csv 文件添加镜头</translation>
    </message>
    <message>
        <source>Import &amp;Videos…</source>
        <translation>导入视频(&amp;V)…</translation>
    </message>
    <message>
        <source>Add video files as shots with an imported take</source>
        <translation>将视频文件添加为镜头，并作为导入的镜次</translation>
    </message>
    <message>
        <source>Project &amp;Settings…</source>
        <translation>项目设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Name, size, frame rate, model and default generation settings</source>
        <translation>名称、尺寸、帧率、模型和默认生成设置</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Export the film as MP4, WebM, ProRes, GIF or PNG frames</source>
        <translation>将影片导出为 MP4、WebM、ProRes、GIF 或 PNG 帧</translation>
    </message>
    <message>
        <source>Export &amp;Timeline…</source>
        <translation>导出时间线(&amp;T)…</translation>
    </message>
    <message>
        <source>Write the timeline for an editor: OpenTimelineIO, Final Cut Pro X or EDL</source>
        <translation>为剪辑软件写出时间线：OpenTimelineIO、Final Cut Pro X 或 EDL</translation>
    </message>
    <message>
        <source>Import Edited T&amp;imeline…</source>
        <translation>导入已剪辑的时间线(&amp;I)…</translation>
    </message>
    <message>
        <source>Bring back the order and trims of an .otio edited in another editor</source>
        <translation>取回在其他剪辑软件中剪辑过的 .otio 的镜头顺序和入点/出点</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Add Shot</source>
        <translation>添加镜头(&amp;A)</translation>
    </message>
    <message>
        <source>Add a new shot after the selection</source>
        <translation>在所选内容之后添加新镜头</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>复制(&amp;U)</translation>
    </message>
    <message>
        <source>Duplicate the selected shots</source>
        <translation>复制所选镜头</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Delete the selected shots</source>
        <translation>删除所选镜头</translation>
    </message>
    <message>
        <source>Move &amp;Earlier</source>
        <translation>前移(&amp;E)</translation>
    </message>
    <message>
        <source>Move the selected shots one place earlier</source>
        <translation>将所选镜头向前移动一位</translation>
    </message>
    <message>
        <source>Move &amp;Later</source>
        <translation>后移(&amp;L)</translation>
    </message>
    <message>
        <source>Move the selected shots one place later</source>
        <translation>将所选镜头向后移动一位</translation>
    </message>
    <message>
        <source>Select &amp;All Shots</source>
        <translation>选择所有镜头(&amp;A)</translation>
    </message>
    <message>
        <source>Select every shot</source>
        <translation>选择每一个镜头</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>Autosave interval</source>
        <translation>自动保存间隔</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Wider cards (Ctrl+wheel)</source>
        <translation>加宽卡片（Ctrl+滚轮）</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>Narrower cards</source>
        <translation>收窄卡片</translation>
    </message>
    <message>
        <source>Zoom to &amp;Fit</source>
        <translation>缩放以适应(&amp;F)</translation>
    </message>
    <message>
        <source>Fit the whole film in the timeline</source>
        <translation>让整部影片适应时间线</translation>
    </message>
    <message>
        <source>&amp;About Storyreel</source>
        <translation>关于 Storyreel(&amp;A)</translation>
    </message>
    <message>
        <source>About Storyreel</source>
        <translation>关于 Storyreel</translation>
    </message>
    <message>
        <source>Drag cards to reorder · drop videos or a .reel here · Ctrl+wheel to zoom</source>
        <translation>拖动卡片调整顺序 · 将视频或 .reel 文件拖放到此处 · Ctrl+滚轮缩放</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Settings not saved: {0}</source>
        <translation>设置未保存：{0}</translation>
    </message>
</context>
<context>
    <name>WritingPage</name>
    <message>
        <source>A Hugging Face repo id or a folder (run here through transformers), or an OpenAI-compatible chat URL such as https://router.huggingface.co/v1</source>
        <translation>Hugging Face 仓库名或文件夹（在本机通过 transformers 运行），或兼容 OpenAI 的对话 URL，例如 https://router.huggingface.co/v1</translation>
    </message>
    <message>
        <source>the server&apos;s default</source>
        <translation>服务器默认</translation>
    </message>
    <message>
        <source>The model a chat URL should use, e.g. Qwen/Qwen2.5-72B-Instruct</source>
        <translation>对话 URL 应使用的模型，例如 Qwen/Qwen2.5-72B-Instruct</translation>
    </message>
    <message>
        <source>A vision-language model: it looks at the start image of image shots</source>
        <translation>视觉语言模型：它会查看图像镜头的起始图</translation>
    </message>
    <message>
        <source>The longest a hosted model may take for one answer</source>
        <translation>托管模型一次回答最长可用的时间</translation>
    </message>
    <message>
        <source>Language model</source>
        <translation>语言模型</translation>
    </message>
    <message>
        <source>Model at the URL</source>
        <translation>URL 上的模型</translation>
    </message>
    <message>
        <source>Vision-language model</source>
        <translation>视觉语言模型</translation>
    </message>
    <message>
        <source>Answer within</source>
        <translation>回答时限</translation>
    </message>
    <message>
        <source>A chat URL uses the token of the Remote tab. {0}</source>
        <translation>对话 URL 使用“远程”页的令牌。{0}</translation>
    </message>
    <message>
        <source>Local models are downloaded once into the Hugging Face cache, like Wan.</source>
        <translation>本地模型与 Wan 一样，只下载一次到 Hugging Face 缓存。</translation>
    </message>
</context>
</TS>
