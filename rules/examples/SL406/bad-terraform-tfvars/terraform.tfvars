spark_types = ["m5.xlarg"]
