# A self-managed node group: an Auto Scaling group tagged for the cluster.
resource "aws_autoscaling_group" "spark_spot" {
  name                = "spark-spot"
  min_size            = 0
  max_size            = 20
  vpc_zone_identifier = var.subnet_ids

  mixed_instances_policy {
    instances_distribution {
      on_demand_percentage_above_base_capacity = 0
      spot_allocation_strategy                 = "lowest-price" # expect: SL404
    }
    launch_template {
      launch_template_specification {
        launch_template_id = aws_launch_template.nodes.id
      }
      override {
        instance_type = "m5.xlarge"
      }
      override {
        instance_type = "m5a.xlarge"
      }
    }
  }

  tag {
    key                 = "kubernetes.io/cluster/analytics"
    value               = "owned"
    propagate_at_launch = true
  }
}
