    -- FOR XML builds the body: the values are escaped by the XML serializer,
    -- never pasted into a string.
    SET @body = (SELECT @taskId AS [@id],
                        @procedureSchema AS [@schema],
                        @procedure AS [@procedure],
                        @claim AS [claim]
                 FOR XML PATH('task'), TYPE);
