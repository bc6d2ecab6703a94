# Bedrock role for tally: arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Dev_1a2b may assume it with session tags.
resource "aws_iam_role" "tally_bedrock" {
  name        = "tally-bedrock"
  description = "Amazon Bedrock invocation with cost attribution by principal and session tags (managed by tally)"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid = "TrustTallyPrincipal"
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Dev_1a2b"
        }
        Action = ["sts:AssumeRole", "sts:TagSession"]
      },
    ]
  })
}

resource "aws_iam_role_policy" "tally_bedrock_invoke" {
  name = "tally-bedrock-invoke"
  role = aws_iam_role.tally_bedrock.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid = "InvokeBedrockModels"
        Effect = "Allow"
        Action = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream", "bedrock:CountTokens"]
        Resource = ["arn:aws:bedrock:*::foundation-model/*", "arn:aws:bedrock:*:*:inference-profile/*", "arn:aws:bedrock:*:*:application-inference-profile/*"]
      },
      {
        Sid = "ReadInferenceProfiles"
        Effect = "Allow"
        Action = ["bedrock:GetInferenceProfile"]
        Resource = ["arn:aws:bedrock:*:*:inference-profile/*", "arn:aws:bedrock:*:*:application-inference-profile/*"]
      },
      {
        Sid = "ListInferenceProfiles"
        Effect = "Allow"
        Action = ["bedrock:ListInferenceProfiles"]
        Resource = "*"
      },
    ]
  })
}

resource "aws_iam_role_policy" "tally_require_tags" {
  name = "tally-require-tags"
  role = aws_iam_role.tally_bedrock.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid = "RequireProjectTag"
        Effect = "Deny"
        Action = ["bedrock:InvokeModel*"]
        Resource = "*"
        Condition = {
          Null = {
            "aws:PrincipalTag/Project" = "true"
          }
        }
      },
      {
        Sid = "RequireUserTag"
        Effect = "Deny"
        Action = ["bedrock:InvokeModel*"]
        Resource = "*"
        Condition = {
          Null = {
            "aws:PrincipalTag/User" = "true"
          }
        }
      },
    ]
  })
}

output "tally_role_arn" {
  value = aws_iam_role.tally_bedrock.arn
}
