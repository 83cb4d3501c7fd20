<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ApplyPresetCommand</name>
    <message>
        <source>Apply Preset “{0}” to Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply Preset “{0}” to Shot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply Preset “{0}” to {1} Shots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear Preset of Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear Preset of Shot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear Preset of {0} Shots</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DownloadDialog</name>
    <message>
        <source>Download {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking {0} and the free disk space…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}/{1} files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading {0}: {1} of {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloaded {0} to {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download cancelled. Downloaded files are kept; it continues where it stopped next time.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>Something went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}

Your project is unchanged on disk. The details were written to {1}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vertical (1080×1920)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit (keep the film&apos;s shape)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill (crop to the frame)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pad (black bars)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MOV (ProRes 422, editing master)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Animated GIF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG sequence (folder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Film</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project ({0}×{1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project ({0} fps)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole film</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected shots ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (any audio file FFmpeg reads)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trimmed to the film and faded out at its end; AAC, or Opus in WebM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Music</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio (*.mp3 *.m4a *.aac *.wav *.flac *.ogg *.opus);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for the PNG Sequence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project has no shots to export.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportProgressDialog</name>
    <message>
        <source>Exporting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frame {0} of {1} · {2:.1f} fps</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportWorker</name>
    <message>
        <source>The export stopped on an unexpected error: {0}

The details are in storyreel.log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>({0} take(s) have missing media)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored unsaved work on {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autosave failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Shot List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot import shot list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import {0} Shots from {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Videos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the project first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported videos are copied into the project&apos;s media folder, so the project needs a file name first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing {0} video(s)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import {0} Videos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported {0} video(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some videos were not imported</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FileField</name>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FrameView</name>
    <message>
        <source>No take to show</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GenerationController</name>
    <message>
        <source>&amp;Generate Selected Shots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue a new take of each selected shot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate All Shots &amp;Without a Take</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue a take for every shot that has none (or a failed or missing one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Regenerate with a New Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue a new take of each selected shot with a fresh random seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel All Generations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel every queued and running job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start no new jobs until resumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the project first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generated takes are written into the project&apos;s media folder, so the project needs a file name first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued {0} take(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some shots were not queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}

{1}

The other shots for this model were not started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a shot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New take of {0} ({1})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>Shot N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shot&apos;s name on the timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the camera sees: subject, action, place, light, lens…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prompt for this shot (any language)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added to the project&apos;s negative prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What this shot should avoid, added to the project&apos;s negative prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a new seed for every take</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A fixed seed (0 to {0}) makes takes repeatable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a new random fixed seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration; snapped to the nearest valid frame count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How this shot begins after the previous one (also on the timeline&apos;s right-click)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Length of the crossfade, or of the whole fade through black</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exactly what the model receives, after the style preset&apos;s template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transition in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Takes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a shot on the timeline to edit it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} shots selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last generation failed: {0}
Generate the shot again to retry (Ctrl+G); the full details are in storyreel.log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapped {0} → {1}: Wan makes 4k+1 frames.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapped {0:g} s → {1}: Wan makes 4k+1 frames.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} frames = {1:.2f} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} at {1} fps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} (missing from the project: apply it again)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} (project default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset: {0}&lt;br&gt;Prompt: &lt;i&gt;{1}&lt;/i&gt;&lt;br&gt;Negative: &lt;i&gt;{2}&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>high-noise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frames</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guidance (high)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guidance (low)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Negative prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crossfade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fade Through Black</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loading model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>generating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no take</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outdated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>low-noise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shot {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This machine generates on a remote endpoint, which holds its own model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This machine generates with {0} (Preferences &gt; Model), not the film&apos;s model {1}: the machine&apos;s model, when set, comes first on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This machine generates with the film&apos;s model, {0} (Preferences &gt; Model leaves it).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <source>System ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language of menus, dialogs and messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart Storyreel to see the new language.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Not added to the timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a project file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save under a new name, with its media</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit Storyreel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Shot &amp;List…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add shots from a .txt (one prompt per line) or .csv file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import &amp;Videos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add video files as shots with an imported take</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project &amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name, size, frame rate, model and default generation settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the film as MP4, WebM, ProRes, GIF or PNG frames</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Shot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a new shot after the selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate the selected shots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected shots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move &amp;Earlier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected shots one place earlier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move &amp;Later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected shots one place later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select &amp;All Shots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select every shot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autosave interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wider cards (Ctrl+wheel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Narrower cards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom to &amp;Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit the whole film in the timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Storyreel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Storyreel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag cards to reorder · drop videos or a .reel here · Ctrl+wheel to zoom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} shots · {1} · {2}×{3} @ {4} fps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings not saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelCheck</name>
    <message>
        <source>Cannot generate: the model cannot be used</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelChoiceDialog</name>
    <message>
        <source>Choose a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot generate: the model cannot be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}

Choose a model folder, download one, or try the demo model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the Demo Model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelChoices</name>
    <message>
        <source>auto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model: remote endpoint · device: the endpoint&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model: {0} (not downloaded) · device: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model: {0} (cannot be used: {1}) · device: {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model: {0} · device: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This folder cannot be used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hub repo id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo model could not be built</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}
Details are in storyreel.log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelSettingsPage</name>
    <message>
        <source>None (whole model on the device)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model CPU offload (one component on the GPU at a time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group offload (blocks stream to the GPU; overlaps transfers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequential offload (lowest memory, slowest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty: each project&apos;s own model is used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Hugging Face repo id: downloaded into the Hugging Face cache when first used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} is not a folder, and not a repo id like &apos;Wan-AI/Wan2.2-T2V-A14B-Diffusers&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A diffusers Wan model folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local (this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote endpoint (see the Remote tab)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where takes are generated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the project&apos;s model, e.g. Wan-AI/Wan2.2-T2V-A14B-Diffusers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Hugging Face repo id, or a local folder holding a diffusers Wan model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download the repo into the Hugging Face cache now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (CUDA if present, else CPU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (bfloat16 on GPU, float32 on CPU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offloading needs a GPU; it trades speed for memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decode in tiles (VAE tiling: less memory for large frames)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutdatedAction</name>
    <message>
        <source>No shot is outdated: every take matches its shot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate &amp;Outdated Shots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue a new take of every shot whose prompt, settings or preset changed since its take</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlaybackActions</name>
    <message>
        <source>&amp;Play / Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play or pause the preview (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview the Whole &amp;Film</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play the whole film in timeline order instead of the selected shot</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds between autosaves to a recovery file (Off: never)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen the last film at start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autosave every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PresetDialog</name>
    <message>
        <source>top-left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>top-right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bottom-left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bottom-right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prompt sent to the model; {0} stands for the shot&apos;s prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joined with each shot&apos;s own negative prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LoRA file (.safetensors)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add LoRA…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a LUT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cube LUTs (*.cube)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a logo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LoRA adapters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look (applied at preview and export; never needs a new take)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade LUT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strength</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Margin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default generation settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a LoRA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LoRA (*.safetensors)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PresetsPanel</name>
    <message>
        <source>Apply to Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use for every shot without its own preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply to Selected Shots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Override the project&apos;s preset for these shots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear Shot Override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected shots follow the project&apos;s preset again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Project Preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shots without their own preset use none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected preset (bundled ones too)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the selected preset (bundled ones are read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected preset from your library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a .reelstyle file to your library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the selected preset as one .reelstyle file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(bundled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project preset: {0} · {1} shot override(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storyreel presets (*.reelstyle)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Preset</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewPlayer</name>
    <message>
        <source>Shot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Film</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play the selected shot&apos;s take, or the whole film in timeline order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous frame (Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next frame (Right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scrub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No take to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No shots yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProjectSettingsDialog</name>
    <message>
        <source>Project Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Hugging Face repo id or a local diffusers folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preferences &gt; Model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Film</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default generation settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Prompts</name>
    <message>
        <source>Storyreel projects (*{0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Videos (*.mp4 *.mov *.mkv *.webm *.avi *.m4v)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shot lists (*.txt *.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the changes to “{0}” before closing?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your changes will be lost if you don&apos;t save them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a project that was never saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storyreel found unsaved work on “{0}” from {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It belongs to {0}.
Restore it, or discard it for good?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Project As</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume generations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{0}” had {1} generation(s) queued when it was saved. Queue them again now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the backup?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{0}” cannot be opened: {1}

Its backup “{2}” (the version saved before) can be. Open the backup? The damaged file is kept as “{0}.damaged”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Storyreel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storyreel {0}
A desktop studio for AI film-making with Wan 2.2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDock</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the selected job (a running one stops within a step)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel every queued and running job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue the selected failed or cancelled job again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected finished or queued job from the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove every done, failed and cancelled job from the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected job earlier in the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected job later in the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause the queue (the running job finishes) / resume it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No generations yet. Generate shots with Ctrl+G.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The queue is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} of {1} done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} done, {1} failed, {2} to go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about {0} left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>step {0}/{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecentMenu</name>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RemoteSettingsPage</name>
    <message>
        <source>saved in the system keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from the HF_TOKEN variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from your Hugging Face login (hf auth login)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No token yet: paste one above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token: {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one endpoint per line; x4: four requests in flight (an endpoint with 4 replicas)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hf_… (kept in the system keyring, never in projects or logs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget saved token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hugging Face token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} endpoint(s): up to {1} shot(s) generate at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No endpoint: add one to generate remotely.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an endpoint first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsForm</name>
    <message>
        <source>Multiples of 16; Wan 2.2 A14B is made for 1280×720 and 832×480</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frames per second of the film (Wan 2.2 A14B: 16)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frames to generate; Wan uses 4k+1 (81 = 5 s at 16 fps)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Denoising steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guidance of the high-noise expert (early steps)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guidance of the low-noise expert (late steps); unset: the same as high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: the project&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} (same as high)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same as high</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShotActions</name>
    <message>
        <source>Add Shot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate Shot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate {0} Shots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move Shot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move {0} Shots</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShotCard</name>
    <message>
        <source>(no prompt)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>&lt;h1&gt;Storyreel&lt;/h1&gt;Write a film as a row of shots, generate each with Wan 2.2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Film</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a Model Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download from the Hub…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a Built-in Demo Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A tiny random-weight model built here: abstract colour noise, every part real</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Recent films&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} (cannot be opened)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building the demo model…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Takes</name>
    <message>
        <source>imported · {0} · {1} f @ {2} fps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seed {0} · {1} · {2} f · {3} steps · cfg {4}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prompt: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>negative: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backend: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>took {0:.1f} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>created {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TakesModel</name>
    <message>
        <source>Take {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TakesPanel</name>
    <message>
        <source>Double-click a take to use it in the film</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use Take</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the selected take in the film</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Take</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected take from the shot (undoable; the file stays)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First frame of the active take shown in the film</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frame after the last one shown (the take&apos;s length: to the end)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trim in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>(no prompt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last generation failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} and {1} more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still images cannot become shots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These files are not videos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: {1}.
Drop video files ({2}) to add them as shots, or a {3} file to open it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TransitionMenu</name>
    <message>
        <source>Set Transition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set Transition of {0} Shots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transition &amp;In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transition &amp;Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first shot starts the film; use the film fades below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Film Fades &amp;In From Black</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Film Fades &amp;Out to Black</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set Film Fade</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UndoCommands</name>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Negative Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frames</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guidance (High Noise)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guidance (Low Noise)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trim In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trim Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active Take</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transition Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move Shot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Shot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Shot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete {0} Shots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} (copy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Take</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose Take</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Project Settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
