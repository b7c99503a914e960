print("reader-bench")
