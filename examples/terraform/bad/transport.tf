# plaintext-transport and weak-tls: HTTP served in clear, an app that accepts HTTP and TLS 1.0.

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.front.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}

resource "azurerm_linux_web_app" "portal" {
  name                = "acme-portal"
  resource_group_name = "main"
  location            = "francecentral"
  service_plan_id     = "plan"

  site_config {
    minimum_tls_version = "1.0"
  }
}
