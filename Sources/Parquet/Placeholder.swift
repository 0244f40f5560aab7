// Parquet
