variable "spark_types" {
  type    = list(string)
  default = ["m5.xlarge"]
}
