USE [SalesOps]
GO

/****** Object:  MessageType [//Contoso/Orders/Task]    Script Date: 12/5/2026 9:14:02 AM ******/
CREATE MESSAGE TYPE [//Contoso/Orders/Task] AUTHORIZATION [dbo] VALIDATION = WELL_FORMED_XML
GO

/****** Object:  MessageType [//Contoso/Orders/Result]    Script Date: 12/5/2026 9:14:02 AM ******/
CREATE MESSAGE TYPE [//Contoso/Orders/Result] AUTHORIZATION [dbo] VALIDATION = WELL_FORMED_XML
GO

/****** Object:  ServiceContract [//Contoso/Orders/Contract]    Script Date: 12/5/2026 9:14:02 AM ******/
CREATE CONTRACT [//Contoso/Orders/Contract] AUTHORIZATION [dbo] ([//Contoso/Orders/Result] SENT BY TARGET,
[//Contoso/Orders/Task] SENT BY INITIATOR)
GO

/****** Object:  ServiceQueue [dbo].[OrdersTargetQueue]    Script Date: 12/5/2026 9:14:02 AM ******/
CREATE QUEUE [dbo].[OrdersTargetQueue] WITH STATUS = ON , RETENTION = OFF , ACTIVATION (  STATUS = ON , PROCEDURE_NAME = [dbo].[Orders_Target] , MAX_QUEUE_READERS = 8 , EXECUTE AS OWNER  ), POISON_MESSAGE_HANDLING (STATUS = ON)  ON [PRIMARY]
GO

/****** Object:  ServiceQueue [dbo].[OrdersInitiatorQueue]    Script Date: 12/5/2026 9:14:02 AM ******/
CREATE QUEUE [dbo].[OrdersInitiatorQueue] WITH STATUS = ON , RETENTION = OFF , POISON_MESSAGE_HANDLING (STATUS = ON)  ON [PRIMARY]
GO

/****** Object:  BrokerService [//Contoso/Orders/Target]    Script Date: 12/5/2026 9:14:02 AM ******/
CREATE SERVICE [//Contoso/Orders/Target]  AUTHORIZATION [dbo]  ON QUEUE [dbo].[OrdersTargetQueue] ([//Contoso/Orders/Contract])
GO

/****** Object:  BrokerService [//Contoso/Orders/Initiator]    Script Date: 12/5/2026 9:14:02 AM ******/
CREATE SERVICE [//Contoso/Orders/Initiator]  AUTHORIZATION [dbo]  ON QUEUE [dbo].[OrdersInitiatorQueue]
GO

/****** Object:  BrokerRoute [BillingRoute]    Script Date: 12/5/2026 9:14:02 AM ******/
CREATE ROUTE [BillingRoute]   AUTHORIZATION [dbo]   WITH  SERVICE_NAME  = N'//Fabrikam/Billing/Service' ,  BROKER_INSTANCE  = N'3F2504E0-4F89-11D3-9A0C-0305E82C3301' ,  ADDRESS  = N'TCP://billing.fabrikam.example:4022'
GO

/****** Object:  RemoteServiceBinding [BillingBinding]    Script Date: 12/5/2026 9:14:02 AM ******/
CREATE REMOTE SERVICE BINDING [BillingBinding]  AUTHORIZATION [dbo]  TO SERVICE N'//Fabrikam/Billing/Service'  WITH USER = [BillingCertUser] , ANONYMOUS = OFF
GO
