"""The founder's pages, by what the founder is doing: answering (`wizard`), reading a
result (`result`) and putting two results side by side (`compare`)."""
