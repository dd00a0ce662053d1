"""Where inputs come from: content sniffing (`sniff`), zip safety checks (`safety`), the one
`InputData` and the JSON reader (`inputs`). Workbook readers live in `ecoscore.workbook`."""
