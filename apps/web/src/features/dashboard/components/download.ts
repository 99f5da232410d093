// Hands text the screen made (a chart's CSV) to the browser as a download.

export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // the browser has taken the file by then; the address only holds memory
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
