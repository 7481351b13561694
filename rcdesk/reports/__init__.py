"""ReportLab documents. They read services and never write data."""
